package org.jgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.kernel.Storage;

/**
 * Tensor values to and from little-endian bytes, converted in bulk through NIO buffer views and in
 * chunks, so a 100 MB tensor never needs a second 100 MB copy as bytes.
 */
final class TensorBytes {
    private static final int CHUNK_BYTES = 1 << 20;

    private TensorBytes() {
    }

    /** Writes every value of {@code values}, little-endian, in storage (row-major) order. */
    static void write(Storage values, OutputStream out) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK_BYTES / values.dtype().bytes();
        int n = values.length();
        for (int from = 0; from < n; from += perChunk) {
            int count = Math.min(perChunk, n - from);
            chunk.clear();
            if (values.isFloat()) {
                chunk.asFloatBuffer().put(values.floats(), from, count);
            } else {
                chunk.asDoubleBuffer().put(values.doubles(), from, count);
            }
            out.write(chunk.array(), 0, count * values.dtype().bytes());
        }
    }

    /** Reads {@code count} little-endian values of {@code dtype} starting at byte {@code position}. */
    static Storage read(FileChannel channel, Path file, long position, DType dtype, int count) throws IOException {
        Storage values = Storage.allocate(dtype, count);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK_BYTES / dtype.bytes();
        for (int from = 0; from < count; from += perChunk) {
            int n = Math.min(perChunk, count - from);
            chunk.clear().limit(n * dtype.bytes());
            readFully(channel, file, chunk, position + (long) from * dtype.bytes());
            chunk.flip();
            if (values.isFloat()) {
                chunk.asFloatBuffer().get(values.floats(), from, n);
            } else {
                chunk.asDoubleBuffer().get(values.doubles(), from, n);
            }
        }
        return values;
    }

    /** Fills {@code buffer} (up to its limit) from the channel, starting at byte {@code position}. */
    static void readFully(FileChannel channel, Path file, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new FileFormatException(file, "the file ended at byte " + at
                        + " while its header promised more data; was it changed while being read?");
            }
            at += read;
        }
    }
}
