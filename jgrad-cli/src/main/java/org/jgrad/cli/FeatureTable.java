package org.jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.IdxArray;
import org.jgrad.data.IdxReader;

/**
 * A set of examples for the shift commands: n rows of d features, read from a CSV file, an IDX
 * images file (pixels scaled to [0, 1], each image flattened), or a folder holding exactly one IDX
 * images file.
 *
 * @param source where it came from, for messages
 * @param values n·d values, row after row
 */
record FeatureTable(String source, float[] values, int rows, int columns) {

    /** Reads {@code path}; {@code labelColumn} (CSV only) names a column to leave out of the features. */
    static FeatureTable read(Path path, String labelColumn) throws IOException {
        if (Files.isDirectory(path)) {
            return readIdx(onlyImagesFile(path));
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or folder");
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return CsvFeatures.read(path, labelColumn);
        }
        if (labelColumn != null) {
            throw new IllegalArgumentException(path + " is read as an IDX file, which has no columns: --label-column is for CSV "
                    + "files (name them *.csv)");
        }
        return readIdx(path);
    }

    /** The examples as a data set (labels all 0: the shift commands use features only). */
    ArrayDataset toDataset() {
        return ArrayDataset.of(values, new int[] {columns}, new int[rows], 1);
    }

    private static FeatureTable readIdx(Path file) {
        IdxArray idx = IdxReader.read(file);
        byte[] bytes = idx.values();
        float[] v = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            v[i] = (bytes[i] & 0xFF) / 255f;
        }
        return new FeatureTable(file.toString(), v, idx.count(), idx.itemSize());
    }

    private static Path onlyImagesFile(Path folder) throws IOException {
        List<Path> images;
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(p -> {
                String name = p.getFileName().toString();
                return Files.isRegularFile(p) && name.contains("images") && name.contains("idx");
            }).sorted().collect(Collectors.toList());
        }
        if (images.size() != 1) {
            throw new IllegalArgumentException("folder " + folder + " holds " + images.size() + " IDX images files"
                    + (images.isEmpty() ? " (names containing 'images' and 'idx')" : " " + names(images))
                    + ": pass the file itself");
        }
        return images.get(0);
    }

    private static String names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String toString() {
        return source + " (" + rows + " examples, " + columns + " features)";
    }
}
