package org.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Fashion-MNIST is looked for, the embedded sample, and the real set when it is installed. */
class FashionMnistTest {
    @TempDir
    Path dir;

    /** A fake Fashion-MNIST of tiny images: labels cycle 0..9; train files gzip, test files plain. */
    private static void writeFake(Path folder, int train, int test) {
        byte[] trainLabels = new byte[train];
        byte[] testLabels = new byte[test];
        for (int i = 0; i < train; i++) {
            trainLabels[i] = (byte) (i % 10);
        }
        for (int i = 0; i < test; i++) {
            testLabels[i] = (byte) (i % 10);
        }
        IdxWriter.writeGzip(folder.resolve("train-images-idx3-ubyte.gz"), IdxReaderTest.randomArray(train, 2, 2));
        IdxWriter.writeGzip(folder.resolve("train-labels-idx1-ubyte.gz"), new IdxArray(new int[] {train}, trainLabels));
        IdxWriter.writePlain(folder.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.randomArray(test, 2, 2));
        IdxWriter.writePlain(folder.resolve("t10k-labels-idx1-ubyte"), new IdxArray(new int[] {test}, testLabels));
    }

    private static void assertPixelsInUnitInterval(ArrayDataset data) {
        Tensor all = data.features(java.util.stream.IntStream.range(0, data.size()).toArray());
        assertThat(all.min().item()).isGreaterThanOrEqualTo(0);
        assertThat(all.max().item()).isLessThanOrEqualTo(1);
    }

    @Test
    void embeddedSampleIsStratifiedRealImages() {
        FashionMnist sample = FashionMnist.sample();

        assertThat(sample.isSample()).isTrue();
        assertThat(sample.source()).isEqualTo("embedded sample (6000 train / 2000 test images)");
        assertThat(sample.train().size()).isEqualTo(6000);
        assertThat(sample.test().size()).isEqualTo(2000);
        assertThat(sample.train().classCounts()).containsOnly(600).hasSize(10);
        assertThat(sample.test().classCounts()).containsOnly(200).hasSize(10);
        assertThat(sample.train().featureShape()).containsExactly(1, 28, 28);
        assertThat(sample.train().features(new int[] {0, 1}).shape()).containsExactly(2, 784);
        assertPixelsInUnitInterval(sample.train());
        assertPixelsInUnitInterval(sample.test());
        // real images use the whole range of grey levels, not noise around a constant
        assertThat(sample.train().features(new int[] {0}).max().item()).isEqualTo(1.0);
    }

    @Test
    void loaderBatchesAreFlatImages() {
        Batch batch = DataLoader.shuffled(FashionMnist.sample().test(), 64, new Rng(0)).iterator().next();
        assertThat(batch.features().shape()).containsExactly(64, 784);
        assertThat(batch.features().reshape(64, 1, 28, 28).shape()).containsExactly(64, 1, 28, 28);
        assertThat(batch.labels().shape()).containsExactly(64);
    }

    @Test
    void classNames() {
        assertThat(FashionMnist.CLASS_NAMES).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(FashionMnist.className(7)).isEqualTo("Sneaker");
        assertThatThrownBy(() -> FashionMnist.className(10)).hasMessageContaining("outside [0, 10)");
    }

    @Test
    void explicitFolderIsReadWithOrWithoutGz() {
        writeFake(dir, 30, 20);

        FashionMnist data = FashionMnist.load(dir);

        assertThat(data.isSample()).isFalse();
        assertThat(data.source()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        assertThat(data.train().size()).isEqualTo(30);
        assertThat(data.test().size()).isEqualTo(20);
        assertThat(data.train().featureShape()).containsExactly(1, 2, 2);
    }

    @Test
    void explicitFolderWithoutTheFilesIsAnError() {
        IdxWriter.writeGzip(dir.resolve("train-images-idx3-ubyte.gz"), IdxReaderTest.randomArray(1, 2, 2));
        IdxWriter.writeGzip(dir.resolve("train-labels-idx1-ubyte.gz"), new IdxArray(new int[] {1}, new byte[1]));

        assertThatThrownBy(() -> FashionMnist.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("lacks t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void explicitFolderThatDoesNotExist() {
        Path missing = dir.resolve("no-such-folder");
        assertThatThrownBy(() -> FashionMnist.load(missing))
                .hasMessageContaining(missing.toAbsolutePath() + " does not exist")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void defaultFoldersAreTriedInOrderThenTheSample() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path absent = dir.resolve("absent");
        Path full = Files.createDirectory(dir.resolve("full"));
        writeFake(full, 10, 10);

        assertThat(FashionMnist.load(null, List.of(absent, empty, full)).source())
                .isEqualTo(full.toAbsolutePath().normalize().toString());
        assertThat(FashionMnist.load(null, List.of(absent, empty)).isSample()).isTrue();
    }

    @Test
    void halfFilledDefaultFolderIsReportedNotSkipped() throws Exception {
        Path half = Files.createDirectory(dir.resolve("half"));
        IdxWriter.writeGzip(half.resolve("train-labels-idx1-ubyte.gz"), new IdxArray(new int[] {1}, new byte[1]));

        assertThatThrownBy(() -> FashionMnist.load(null, List.of(half)))
                .hasMessageContaining(half.toAbsolutePath().toString())
                .hasMessageContaining("lacks train-images-idx3-ubyte(.gz), t10k-images-idx3-ubyte(.gz)");
    }

    @Test
    void realDataSetWhenInstalled() {
        assumeTrue(Files.isRegularFile(FashionMnist.SYSTEM_FOLDER.resolve("train-images-idx3-ubyte.gz")),
                "the full Fashion-MNIST is not in " + FashionMnist.SYSTEM_FOLDER
                        + " (apt-get install dataset-fashion-mnist); testing with the embedded sample only");

        FashionMnist data = FashionMnist.load(FashionMnist.SYSTEM_FOLDER);

        assertThat(data.isSample()).isFalse();
        assertThat(data.source()).isEqualTo(FashionMnist.SYSTEM_FOLDER.toString());
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().featureShape()).containsExactly(1, 28, 28);
        assertThat(data.train().classCounts()).containsOnly(6000);
        assertThat(data.test().classCounts()).containsOnly(1000);
        assertPixelsInUnitInterval(data.test());
    }
}
