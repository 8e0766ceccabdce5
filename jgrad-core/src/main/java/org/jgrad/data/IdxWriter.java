package org.jgrad.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an {@link IdxArray} as an unsigned-byte IDX file ({@code 0x000008NN}, NN the rank, then the
 * big-endian dimensions, then the bytes), gzip-compressed or plain. The gzip output has no time
 * stamp, so the same array always gives the same file.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes gzip-compressed IDX (best compression), creating or replacing {@code file}. */
    public static void writeGzip(Path file, IdxArray array) {
        try (OutputStream out = Files.newOutputStream(file);
             GZIPOutputStream gz = new BestGzipOutputStream(out)) {
            write(gz, array);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes uncompressed IDX, creating or replacing {@code file}. */
    public static void writePlain(Path file, IdxArray array) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, array);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes uncompressed IDX to a stream, leaving it open. */
    public static void write(OutputStream out, IdxArray array) throws IOException {
        int[] dims = array.dims();
        if (dims.length > 255) {
            throw new IllegalArgumentException("IDX stores the rank in one byte: " + dims.length + " dimensions is too many");
        }
        byte[] header = new byte[4 + 4 * dims.length];
        header[2] = (byte) IdxReader.UNSIGNED_BYTE;
        header[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            putInt(header, 4 + 4 * i, dims[i]);
        }
        out.write(header);
        out.write(array.values());
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** GZIPOutputStream at Deflater.BEST_COMPRESSION: the embedded sample ships in the jar. */
    private static final class BestGzipOutputStream extends GZIPOutputStream {
        BestGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
