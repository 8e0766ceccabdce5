package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgrad.io.TestTensors.assertSameTensor;
import static org.jgrad.io.TestTensors.pattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save that fails part-way leaves the previous file as it was and no temporary file behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsAndThenReplacesAFile() throws IOException {
        Path file = dir.resolve("f.txt");

        AtomicFiles.write(file, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, "second, longer".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("second, longer");
        assertThat(filesIn(dir)).containsExactly("f.txt");
    }

    @Test
    void aWriterThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("f.txt"), "previous");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[200_000]);                                  // past the buffer: really on disk
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(IOException.class).hasMessage("disk full (simulated)");

        assertThat(file).hasContent("previous");
        assertThat(filesIn(dir)).containsExactly("f.txt");
    }

    @Test
    void anUncheckedFailureAlsoCleansUp() throws IOException {
        Path file = Files.writeString(dir.resolve("f.txt"), "previous");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(file).hasContent("previous");
        assertThat(filesIn(dir)).containsExactly("f.txt");
    }

    @Test
    void aCrashWhileSavingTensorsKeepsThePreviousSafetensorsFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Tensor before = pattern(DType.FLOAT32, 1, 4, 4);
        SafeTensors.write(file, Map.of("w", before));

        assertThatThrownBy(() -> SafeTensors.write(file, new MapThatBreaksAfterOneEntry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("simulated crash");

        assertSameTensor(SafeTensors.read(file).tensor("w"), before);
        assertThat(filesIn(dir)).containsExactly("model.safetensors");
    }

    @Test
    void aWriterThatClosesTheStreamDoesNoHarm() throws IOException {
        Path file = dir.resolve("f.txt");

        AtomicFiles.write(file, out -> {
            out.write("closed early".getBytes(StandardCharsets.UTF_8));
            out.close();
        });

        assertThat(file).hasContent("closed early");
    }

    @Test
    void theSavedFileGetsOrdinaryPermissionsNotThoseOfATemporaryFile() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;                                                           // nothing to compare elsewhere
        }
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");

        AtomicFiles.write(atomic, new byte[] {'x'});

        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aMissingDirectorySaysToCreateIt() {
        Path file = dir.resolve("no/such/dir/f.txt");

        assertThatThrownBy(() -> AtomicFiles.write(file, new byte[1]))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("create it first");
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Two tensors, but iterating past the first one throws, as a crash in the middle of a save would. */
    private static final class MapThatBreaksAfterOneEntry extends AbstractMap<String, Tensor> {
        @Override
        public Set<Entry<String, Tensor>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Tensor>> iterator() {
                    return new Iterator<>() {
                        private int given;

                        @Override
                        public boolean hasNext() {
                            return true;
                        }

                        @Override
                        public Entry<String, Tensor> next() {
                            if (given++ == 1) {
                                throw new IllegalStateException("simulated crash while saving");
                            }
                            return Map.entry("w", Tensor.zeros(4, 4));
                        }
                    };
                }

                @Override
                public int size() {
                    return 2;
                }
            };
        }
    }
}
