package org.jgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers (and a machine that crashes mid-save) see either the old content
 * or the complete new one, never a half-written file.
 *
 * <p>Note [Atomic replace]: the content goes to a hidden temporary file in the target's own
 * directory (a rename is only atomic within one file system), is flushed to disk with
 * {@link FileChannel#force}, and is then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE} (falling back to a plain replacing move where the file
 * system refuses atomic moves). If writing fails, for any reason, the temporary file is deleted
 * and the target is left untouched.
 */
public final class AtomicFiles {

    /** Writes the content of a file; called once, with a stream that must not be kept. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes, atomically. */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(target.toString(), null,
                    "cannot save: directory " + dir + " does not exist; create it first");
        }
        Path temp = createTemp(dir, file.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new KeepOpenStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            replace(temp, file);
            moved = true;
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
        syncDirectory(dir);
    }

    /** Writes the given bytes to {@code target}, atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    // CREATE_NEW with default permissions: Files.createTempFile would make the saved file 0600.
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path temp = dir.resolve("." + name + "." + suffix + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw e;
                }
            }
        }
    }

    private static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // Makes the rename itself durable. Only some systems (Linux, macOS) allow opening a directory;
    // elsewhere this is skipped, and the rename is as durable as the file system makes it.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort, see above
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the original failure is the one worth reporting
        }
    }

    /** A buffered stream whose close() only flushes, so the channel stays open for force(). */
    private static final class KeepOpenStream extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer;
        private int count;

        KeepOpenStream(OutputStream out, int bufferBytes) {
            this.out = out;
            this.buffer = new byte[bufferBytes];
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                flushBuffer();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > buffer.length - count) {
                flushBuffer();
            }
            if (len >= buffer.length) {
                out.write(b, off, len);
            } else {
                System.arraycopy(b, off, buffer, count, len);
                count += len;
            }
        }

        @Override
        public void flush() throws IOException {
            flushBuffer();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private void flushBuffer() throws IOException {
            if (count > 0) {
                out.write(buffer, 0, count);
                count = 0;
            }
        }
    }
}
