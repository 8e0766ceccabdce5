package org.jgrad.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a numeric CSV file as a feature table: one example per row, one feature per column,
 * comma-separated. The first row is a header when any of its cells is not a number. Blank lines
 * are skipped; cells may be quoted. One column may be named as the label column and is left out of
 * the features. Every error names the file and the line.
 */
final class CsvFeatures {
    private CsvFeatures() {
    }

    /**
     * @param file        the CSV file
     * @param labelColumn null, a header name, or a 0-based column index, of a column to leave out
     */
    static FeatureTable read(Path file, String labelColumn) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        List<float[]> rows = new ArrayList<>();
        String[] header = null;
        int columns = -1;
        int columnsLine = -1;
        int skip = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (columns < 0) {
                    columns = cells.length;
                    columnsLine = lineNumber;
                    if (!allNumbers(cells)) {
                        header = cells;
                        skip = labelIndex(file, labelColumn, header);
                        continue;
                    }
                    skip = labelIndex(file, labelColumn, null);
                    if (skip >= columns) {
                        throw new IllegalArgumentException(file + ": --label-column " + skip + " is past the last column ("
                                + columns + " columns, counted from 0)");
                    }
                }
                if (cells.length != columns) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": " + cells.length + " columns, expected "
                            + columns + " as on line " + columnsLine);
                }
                rows.add(parseRow(file, lineNumber, cells, skip, header));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no data rows" + (header == null ? "" : " after the header"));
        }
        int d = columns - (skip >= 0 ? 1 : 0);
        if (d == 0) {
            throw new IllegalArgumentException(file + ": no feature columns are left besides the label column");
        }
        float[] values = new float[rows.size() * d];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, values, r * d, d);
        }
        return new FeatureTable(file.toString(), values, rows.size(), d);
    }

    private static float[] parseRow(Path file, int lineNumber, String[] cells, int skip, String[] header) {
        float[] row = new float[cells.length - (skip >= 0 ? 1 : 0)];
        int at = 0;
        for (int c = 0; c < cells.length; c++) {
            if (c == skip) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(cells[c]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": column " + c + describe(header, c) + " holds '"
                        + cells[c] + "', which is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": column " + c + describe(header, c) + " holds "
                        + cells[c] + "; features must be finite numbers");
            }
            row[at++] = (float) v;
        }
        return row;
    }

    private static String describe(String[] header, int c) {
        return header == null ? "" : " ('" + header[c] + "')";
    }

    private static int labelIndex(Path file, String labelColumn, String[] header) {
        if (labelColumn == null) {
            return -1;
        }
        if (header != null) {
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals(labelColumn)) {
                    return c;
                }
            }
        }
        try {
            int index = Integer.parseInt(labelColumn.trim());
            if (index < 0 || (header != null && index >= header.length)) {
                throw new IllegalArgumentException(file + ": --label-column " + index + " is not a column (there are "
                        + (header == null ? "fewer" : Integer.toString(header.length)) + " columns, counted from 0)");
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": --label-column '" + labelColumn + "' is not "
                    + (header == null ? "a column index, and the file has no header" : "in the header " + Arrays.toString(header)));
        }
    }

    private static boolean allNumbers(String[] cells) {
        for (String c : cells) {
            try {
                Double.parseDouble(c);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** Splits on commas outside double quotes; trims cells and drops their quotes. */
    static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().trim());
        return cells.toArray(new String[0]);
    }
}
