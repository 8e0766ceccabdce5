package org.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrad.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written by IdxWriter read back the same, plain or gzip, whatever their names say. */
class IdxReaderTest {
    @TempDir
    Path dir;

    static IdxArray randomArray(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        byte[] values = new byte[n];
        Rng rng = new Rng(n);
        for (int i = 0; i < n; i++) {
            values[i] = (byte) rng.nextInt(256);
        }
        return new IdxArray(dims, values);
    }

    @Test
    void gzipRoundTripKeepsDimensionsAndBytes() {
        IdxArray images = randomArray(5, 4, 3);
        Path file = dir.resolve("images.gz");
        IdxWriter.writeGzip(file, images);

        IdxArray back = IdxReader.read(file, 3);

        assertThat(back.dims()).containsExactly(5, 4, 3);
        assertThat(back.count()).isEqualTo(5);
        assertThat(back.itemSize()).isEqualTo(12);
        assertThat(back.values()).containsExactly(images.values());
        assertThat(back.source()).isEqualTo(file.toString());
    }

    @Test
    void plainRoundTripOfLabels() {
        IdxArray labels = new IdxArray(new int[] {4}, new byte[] {0, 9, (byte) 200, (byte) 255});
        Path file = dir.resolve("labels");
        IdxWriter.writePlain(file, labels);

        IdxArray back = IdxReader.read(file, 1);

        assertThat(back.dims()).containsExactly(4);
        assertThat(new int[] {back.unsigned(0), back.unsigned(1), back.unsigned(2), back.unsigned(3)})
                .containsExactly(0, 9, 200, 255);
    }

    @Test
    void plainFileHasTheStandardHeader() throws IOException {
        Path file = dir.resolve("two-by-three");
        IdxWriter.writePlain(file, new IdxArray(new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6}));

        assertThat(Files.readAllBytes(file)).containsExactly(
                0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotTheName() {
        IdxArray a = randomArray(3, 7);
        Path gzipWithoutSuffix = dir.resolve("compressed-but-named-plainly");
        Path plainWithSuffix = dir.resolve("plain-but-named.gz");
        IdxWriter.writeGzip(gzipWithoutSuffix, a);
        IdxWriter.writePlain(plainWithSuffix, a);

        assertThat(IdxReader.read(gzipWithoutSuffix).values()).containsExactly(a.values());
        assertThat(IdxReader.read(plainWithSuffix).values()).containsExactly(a.values());
    }

    @Test
    void anyRankOfUnsignedBytesIsAccepted() {
        for (int[] dims : new int[][] {{6}, {2, 3}, {2, 1, 3}, {1, 2, 1, 3}}) {
            Path file = dir.resolve("rank" + dims.length + ".gz");
            IdxWriter.writeGzip(file, randomArray(dims));
            assertThat(IdxReader.read(file).dims()).containsExactly(dims);
        }
    }

    @Test
    void emptyArrayRoundTrips() {
        Path file = dir.resolve("empty.gz");
        IdxWriter.writeGzip(file, new IdxArray(new int[] {0, 28, 28}, new byte[0]));
        assertThat(IdxReader.read(file, 3).dims()).containsExactly(0, 28, 28);
    }

    @Test
    void readsFromAStream() throws IOException {
        IdxArray a = randomArray(4, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IdxWriter.write(bytes, a);

        IdxArray back = IdxReader.read(new ByteArrayInputStream(bytes.toByteArray()), "in memory", 2);

        assertThat(back.values()).containsExactly(a.values());
        assertThat(back.source()).isEqualTo("in memory");
    }

    @Test
    void gzipOutputIsReproducible() throws IOException {
        IdxArray a = randomArray(10, 10);
        Path first = dir.resolve("first.gz");
        Path second = dir.resolve("second.gz");
        IdxWriter.writeGzip(first, a);
        IdxWriter.writeGzip(second, a);
        assertThat(Files.readAllBytes(first)).containsExactly(Files.readAllBytes(second));
    }

    @Test
    void rowsPicksItemsInTheGivenOrder() {
        IdxArray a = new IdxArray(new int[] {3, 2}, new byte[] {1, 2, 3, 4, 5, 6});
        IdxArray picked = a.rows(new int[] {2, 0});
        assertThat(picked.dims()).containsExactly(2, 2);
        assertThat(picked.values()).containsExactly(5, 6, 1, 2);
    }
}
