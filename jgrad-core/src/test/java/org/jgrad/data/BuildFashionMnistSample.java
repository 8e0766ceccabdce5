package org.jgrad.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jgrad.tensor.Rng;

/**
 * Rebuilds the embedded Fashion-MNIST sample from the full data set: a stratified draw of
 * {@value #TRAIN_PER_CLASS} training and {@value #TEST_PER_CLASS} test images per class, chosen with
 * seed {@value #SEED}, kept in their original order, written as gzip IDX. Run from the repository root:
 * <pre>
 * mvn -q -o test-compile -pl jgrad-core
 * java -cp jgrad-core/target/classes:jgrad-core/target/test-classes org.jgrad.data.BuildFashionMnistSample \
 *     /usr/share/datasets/fashion-mnist jgrad-core/src/main/resources/org/jgrad/data/fashion-mnist-sample
 * </pre>
 */
public final class BuildFashionMnistSample {
    static final long SEED = 20170825L; // Fashion-MNIST's release date
    static final int TRAIN_PER_CLASS = 600;
    static final int TEST_PER_CLASS = 200;

    private BuildFashionMnistSample() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BuildFashionMnistSample <folder with the full data set> <output folder>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        build(Path.of(args[0]), out);
        System.out.println("wrote " + (10 * TRAIN_PER_CLASS) + " train and " + (10 * TEST_PER_CLASS)
                + " test images, " + TRAIN_PER_CLASS + " and " + TEST_PER_CLASS + " per class, to " + out);
    }

    /** Writes the four sample files into {@code out}. */
    static void build(Path fullDataFolder, Path out) {
        Rng rng = new Rng(SEED);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        writeSplit(fullDataFolder, out, "train", TRAIN_PER_CLASS, rng);
        writeSplit(fullDataFolder, out, "t10k", TEST_PER_CLASS, rng);
    }

    private static void writeSplit(Path in, Path out, String split, int perClass, Rng rng) {
        IdxArray images = IdxReader.read(existing(in, split + "-images-idx3-ubyte"), 3);
        IdxArray labels = IdxReader.read(existing(in, split + "-labels-idx1-ubyte"), 1);
        int[] chosen = stratified(labels, perClass, rng);
        IdxWriter.writeGzip(out.resolve(split + "-images-idx3-ubyte.gz"), images.rows(chosen));
        IdxWriter.writeGzip(out.resolve(split + "-labels-idx1-ubyte.gz"), labels.rows(chosen));
    }

    /** perClass random items of each class (a seeded shuffle of each class's positions), in ascending order. */
    static int[] stratified(IdxArray labels, int perClass, Rng rng) {
        int classes = FashionMnist.NUM_CLASSES;
        int[][] byClass = new int[classes][];
        int[] counts = new int[classes];
        for (int i = 0; i < labels.count(); i++) {
            counts[labels.unsigned(i)]++;
        }
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int i = 0; i < labels.count(); i++) {
            int c = labels.unsigned(i);
            byClass[c][counts[c]++] = i;
        }
        int[] chosen = new int[classes * perClass];
        for (int c = 0; c < classes; c++) {
            if (byClass[c].length < perClass) {
                throw new IllegalArgumentException("class " + c + " has only " + byClass[c].length + " items, "
                        + perClass + " wanted");
            }
            rng.shuffle(byClass[c]);
            System.arraycopy(byClass[c], 0, chosen, c * perClass, perClass);
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static Path existing(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        return Files.exists(gz) ? gz : folder.resolve(name);
    }
}
