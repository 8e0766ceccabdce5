package org.jgrad.tour;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One section of the report as it is built: paragraphs, tables, preformatted blocks and figures in
 * order, and the numbers it shows (which go to summary.json under the section's id).
 */
final class ReportSection {
    /** A block of the section, in display order. */
    sealed interface Block permits Text, Table, Pre, FigureBlock {
    }

    record Text(String text) implements Block {
    }

    record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    record Pre(String text) implements Block {
    }

    record FigureBlock(Figure figure) implements Block {
    }

    final String id;
    final String title;
    final List<Block> blocks = new ArrayList<>();
    final Map<String, Object> numbers = new LinkedHashMap<>();
    double seconds;

    ReportSection(String id, String title) {
        this.id = id;
        this.title = title;
    }

    ReportSection text(String t) {
        blocks.add(new Text(t));
        return this;
    }

    ReportSection table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(header, rows));
        return this;
    }

    ReportSection pre(String t) {
        blocks.add(new Pre(t));
        return this;
    }

    ReportSection figure(Figure f) {
        blocks.add(new FigureBlock(f));
        return this;
    }

    ReportSection number(String key, Object value) {
        numbers.put(key, value);
        return this;
    }

    List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof FigureBlock f) {
                out.add(f.figure());
            }
        }
        return out;
    }
}
