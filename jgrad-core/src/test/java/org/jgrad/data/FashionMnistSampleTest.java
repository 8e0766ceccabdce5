package org.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded sample is exactly what BuildFashionMnistSample makes from the full data set. */
class FashionMnistSampleTest {
    @TempDir
    Path dir;

    @Test
    void rebuildingTheSampleGivesTheSameFiles() throws IOException {
        assumeTrue(Files.isRegularFile(FashionMnist.SYSTEM_FOLDER.resolve("train-images-idx3-ubyte.gz")),
                "the full Fashion-MNIST is not in " + FashionMnist.SYSTEM_FOLDER
                        + " (apt-get install dataset-fashion-mnist); cannot rebuild the sample to compare");

        BuildFashionMnistSample.build(FashionMnist.SYSTEM_FOLDER, dir);

        for (String name : FashionMnist.FILE_NAMES) {
            try (InputStream embedded = FashionMnist.class.getResourceAsStream(
                    FashionMnist.SAMPLE_FOLDER + name + ".gz")) {
                assertThat(embedded).as(name).isNotNull();
                assertThat(Files.readAllBytes(dir.resolve(name + ".gz"))).as(name)
                        .containsExactly(embedded.readAllBytes());
            }
        }
    }
}
