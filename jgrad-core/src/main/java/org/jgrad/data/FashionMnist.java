package org.jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Zalando, MIT licence): 28×28 grey-scale images of clothing in 10 classes, 60,000 for
 * training and 10,000 for testing. Examples have feature shape (1, 28, 28); {@link Dataset#features}
 * gives them flat, (batch, 784), with pixels in [0, 1]; labels are class indices 0..9 named by
 * {@link #CLASS_NAMES}.
 *
 * <p>{@link #load(Path)} looks in the folder given, then {@code ./data/fashion-mnist}, then
 * {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist} package), and
 * falls back to a small stratified sample of the real data embedded in jgrad (6,000 train / 2,000
 * test images). {@link #source()} says which it used. The files carry their standard names,
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each gzip-compressed ({@code .gz}) or not.
 */
public final class FashionMnist {
    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final int NUM_CLASSES = 10;
    /** The folder searched after the one given, relative to the working directory. */
    public static final Path LOCAL_FOLDER = Path.of("data", "fashion-mnist");
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    static final List<String> FILE_NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    static final String SAMPLE_FOLDER = "fashion-mnist-sample/";

    private final ArrayDataset train;
    private final ArrayDataset test;
    private final String source;
    private final boolean sample;

    private FashionMnist(ArrayDataset train, ArrayDataset test, String source, boolean sample) {
        this.train = train;
        this.test = test;
        this.source = source;
        this.sample = sample;
    }

    /** The full data set if it is found in the default folders, else the embedded sample. */
    public static FashionMnist load() {
        return load(null);
    }

    /**
     * The data set from {@code folder} when given (it must hold the four files), else from the
     * first default folder that has them, else the embedded sample.
     */
    public static FashionMnist load(Path folder) {
        return load(folder, List.of(LOCAL_FOLDER, SYSTEM_FOLDER));
    }

    static FashionMnist load(Path folder, List<Path> defaultFolders) {
        if (folder != null) {
            return fromFolder(folder);
        }
        for (Path candidate : defaultFolders) {
            List<Path> files = findFiles(candidate);
            if (!files.contains(null)) {
                return read(candidate, files);
            }
            if (files.stream().anyMatch(f -> f != null)) {
                throw new IllegalArgumentException(missingFilesMessage(candidate, files)
                        + " (half-filled folders are not skipped, so that a broken download does not go unnoticed)");
            }
        }
        return sample();
    }

    /** The data set in {@code folder}, which must hold the four files (gzip-compressed or not). */
    public static FashionMnist fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Fashion-MNIST folder " + folder.toAbsolutePath() + " does not exist. "
                    + howToGetIt());
        }
        List<Path> files = findFiles(folder);
        if (files.contains(null)) {
            throw new IllegalArgumentException(missingFilesMessage(folder, files));
        }
        return read(folder, files);
    }

    /** The embedded sample: 600 train and 200 test images per class, drawn from the real data set. */
    public static FashionMnist sample() {
        ArrayDataset train = IdxDatasets.of(resource(FILE_NAMES.get(0)), resource(FILE_NAMES.get(1)), NUM_CLASSES);
        ArrayDataset test = IdxDatasets.of(resource(FILE_NAMES.get(2)), resource(FILE_NAMES.get(3)), NUM_CLASSES);
        String source = "embedded sample (" + train.size() + " train / " + test.size() + " test images)";
        return new FashionMnist(train, test, source, true);
    }

    /** The 60,000 training images (fewer in the sample). */
    public ArrayDataset train() {
        return train;
    }

    /** The 10,000 test images (fewer in the sample). */
    public ArrayDataset test() {
        return test;
    }

    /** Where the data came from: the folder's absolute path, or "embedded sample (N train / M test images)". */
    public String source() {
        return source;
    }

    /** Whether this is the embedded sample rather than the full data set. */
    public boolean isSample() {
        return sample;
    }

    /** The name of class {@code label}, e.g. 9 → "Ankle boot". */
    public static String className(int label) {
        if (label < 0 || label >= NUM_CLASSES) {
            throw new IndexOutOfBoundsException("Fashion-MNIST label " + label + " is outside [0, 10)");
        }
        return CLASS_NAMES.get(label);
    }

    @Override
    public String toString() {
        return "Fashion-MNIST from " + source + ": " + train.size() + " train, " + test.size() + " test images";
    }

    /** One entry per standard name: the .gz file if present, else the plain one, else null. */
    private static List<Path> findFiles(Path folder) {
        List<Path> found = new ArrayList<>();
        for (String name : FILE_NAMES) {
            Path gz = folder.resolve(name + ".gz");
            Path plain = folder.resolve(name);
            found.add(Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null);
        }
        return found;
    }

    private static FashionMnist read(Path folder, List<Path> files) {
        ArrayDataset train = IdxDatasets.of(IdxReader.read(files.get(0), 3), IdxReader.read(files.get(1), 1), NUM_CLASSES);
        ArrayDataset test = IdxDatasets.of(IdxReader.read(files.get(2), 3), IdxReader.read(files.get(3), 1), NUM_CLASSES);
        return new FashionMnist(train, test, folder.toAbsolutePath().normalize().toString(), false);
    }

    private static String missingFilesMessage(Path folder, List<Path> files) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null) {
                missing.add(FILE_NAMES.get(i) + "(.gz)");
            }
        }
        return "Fashion-MNIST folder " + folder.toAbsolutePath() + " lacks " + String.join(", ", missing) + ". "
                + howToGetIt();
    }

    private static String howToGetIt() {
        return "Put the four files there (https://github.com/zalandoresearch/fashion-mnist), or on Debian install "
                + "them into " + SYSTEM_FOLDER + " with 'apt-get install dataset-fashion-mnist', or pass no folder "
                + "to use the default folders or the embedded sample.";
    }

    private static IdxArray resource(String name) {
        String path = SAMPLE_FOLDER + name + ".gz";
        try (InputStream in = FashionMnist.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the embedded Fashion-MNIST sample is missing from the classpath ("
                        + "org/jgrad/data/" + path + "): rebuild jgrad-core with 'mvn install'");
            }
            return IdxReader.read(in, "embedded " + path, name.contains("images") ? 3 : 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded sample " + path + ": " + e.getMessage(), e);
        }
    }
}
