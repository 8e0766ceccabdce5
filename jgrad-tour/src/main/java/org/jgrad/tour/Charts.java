package org.jgrad.tour;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The few chart kinds the report uses, styled alike, drawn by XChart and rendered to SVG and PNG. */
final class Charts {
    static final int WIDTH = 760;
    static final int HEIGHT = 420;

    private Charts() {
    }

    /** A named series of (x, y) points. */
    record Series(String name, double[] x, double[] y, boolean markers) {
        static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, false);
        }

        static Series points(String name, double[] x, double[] y) {
            return new Series(name, x, y, true);
        }
    }

    /**
     * A line or scatter chart. With logY the values are plotted as log10 on a linear axis (XChart's
     * log axis labels every decade, unreadable over many decades) and the axis title says so.
     */
    static XYChart xy(String title, String xTitle, String yTitle, boolean logY, List<Series> series) {
        String axis = logY ? "log10 of " + yTitle.replace(" (log scale)", "") : yTitle;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(axis).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        for (Series s : series) {
            XYSeries x = chart.addSeries(s.name(), s.x(), logY ? log10(s.y()) : s.y());
            if (s.markers()) {
                x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                x.setMarker(SeriesMarkers.CIRCLE);
            } else {
                x.setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    static CategoryChart bars(String title, String xTitle, String yTitle, boolean logY, List<String> categories,
                              List<String> names, List<double[]> values) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendVisible(names.size() > 1);
        for (int i = 0; i < names.size(); i++) {
            chart.addSeries(names.get(i), categories, toList(values.get(i)));
        }
        return chart;
    }

    static HeatMapChart heatmap(String title, String xTitle, String yTitle, List<String> xs, List<String> ys, int[][] counts) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(WIDTH - 120).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            for (int j = 0; j < ys.size(); j++) {
                cells.add(new Number[] {i, j, counts[j][i]});
            }
        }
        chart.addSeries("counts", xs, ys, cells);
        return chart;
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
    }

    private static List<Double> toList(double[] v) {
        List<Double> out = new java.util.ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAntiAlias(true);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    /** Renders a chart to a figure (SVG and PNG). */
    static Figure figure(String id, String caption, Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return new Figure(id, chart.getTitle(), caption, new String(svg.toByteArray(), StandardCharsets.UTF_8), png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the figure '" + id + "'", e);
        }
    }
}
