package org.jgrad.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad file gets an error that names the file and says what is wrong. */
class IdxReaderErrorsTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void labelsFileWhereImagesAreExpected() {
        Path file = dir.resolve("labels-not-images.gz");
        IdxWriter.writeGzip(file, new IdxArray(new int[] {3}, new byte[3]));

        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("wrong magic number 0x00000801")
                .hasMessageContaining("expected 0x00000803");
    }

    @Test
    void textFileIsNotIdx() throws IOException {
        Path file = write("notes.txt", "this is not a data file".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("wrong magic number 0x74686973")
                .hasMessageContaining("not an IDX file");
    }

    @Test
    void unsupportedTypeCode() throws IOException {
        Path file = write("floats", bytes(0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0));

        assertThatThrownBy(() -> IdxReader.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unsupported IDX type code 0x0D (32-bit float)")
                .hasMessageContaining("only 0x08");
    }

    @Test
    void truncatedPlainData() throws IOException {
        Path file = write("short", bytes(0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5));

        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated data")
                .hasMessageContaining("need 8 bytes, found 5");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = write("header-only", bytes(0, 0, 8, 3, 0, 0, 0, 2));

        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated header");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty", new byte[0]);

        assertThatThrownBy(() -> IdxReader.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("found 0 bytes");
    }

    @Test
    void truncatedGzip() throws IOException {
        Path whole = dir.resolve("whole.gz");
        IdxWriter.writeGzip(whole, IdxReaderTest.randomArray(100, 28, 28));
        byte[] gz = Files.readAllBytes(whole);
        Path file = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated data")
                .hasMessageContaining("need 78400 bytes, found");
    }

    @Test
    void gzipMagicFollowedByGarbage() throws IOException {
        Path file = write("fake.gz", bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt gzip data");
    }

    @Test
    void moreDataThanTheHeaderSays() throws IOException {
        Path file = write("long", bytes(0, 0, 8, 1, 0, 0, 0, 2, 7, 7, 7));

        assertThatThrownBy(() -> IdxReader.read(file, 1))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("more data than the header's dimensions [2]");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.gz");

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not found: " + file);
    }

    @Test
    void imagesAndLabelsWithDifferentCounts() {
        Path images = dir.resolve("images.gz");
        Path labels = dir.resolve("labels.gz");
        IdxWriter.writeGzip(images, IdxReaderTest.randomArray(5, 2, 2));
        IdxWriter.writeGzip(labels, new IdxArray(new int[] {4}, new byte[4]));

        assertThatThrownBy(() -> IdxDatasets.read(images, labels, 10))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("5 images")
                .hasMessageContaining("4 labels");
    }

    @Test
    void labelOutOfRange() {
        Path images = dir.resolve("images.gz");
        Path labels = dir.resolve("labels.gz");
        IdxWriter.writeGzip(images, IdxReaderTest.randomArray(3, 2, 2));
        IdxWriter.writeGzip(labels, new IdxArray(new int[] {3}, bytes(0, 9, 10)));

        assertThatThrownBy(() -> IdxDatasets.read(images, labels, 10))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 10 at item 2 is outside [0, 10)");
    }
}
