package org.jgrad.tour;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.FashionMnist;

/** Pictures of data (not charts): a grid of images with labels, as PNG and as an SVG that embeds it. */
final class Images {
    private static final int CELL = 112;
    private static final int COLS = 8;

    private Images() {
    }

    static Figure grid(String id, String title, String caption, ArrayDataset data, List<Integer> indices, int[] predicted) {
        int rows = Math.max(1, (indices.size() + COLS - 1) / COLS);
        int w = COLS * CELL;
        int h = rows * (CELL + 30);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int side = (int) Math.round(Math.sqrt(data.featureSize()));
        for (int k = 0; k < indices.size(); k++) {
            int i = indices.get(k);
            float[] px = data.features(new int[] {i}).toFloatArray();
            int x0 = (k % COLS) * CELL + 8;
            int y0 = (k / COLS) * (CELL + 30) + 4;
            int scale = (CELL - 16) / side;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int v = 255 - Math.round(255 * Math.max(0, Math.min(1, px[r * side + c])));
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(FashionMnist.className(data.label(i)), x0, y0 + side * scale + 12);
            g.setColor(new Color(0xc0392b));
            g.drawString("→ " + FashionMnist.className(predicted[i]), x0, y0 + side * scale + 25);
        }
        g.dispose();
        byte[] png = png(img);
        String svg = String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title><image width=\"%d\" height=\"%d\""
                + " xlink:href=\"data:image/png;base64,%s\"/></svg>", w, h, w, h, HtmlReport.esc(title), w, h,
                Base64.getEncoder().encodeToString(png));
        return new Figure(id, title, caption, svg, png);
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
