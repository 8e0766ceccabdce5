package org.jgrad.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST, plain or gzip-compressed
 * (recognised by the gzip magic bytes, whatever the file is called). The values are streamed
 * straight into one array of the size the header announces.
 *
 * <p>An IDX file is a 4-byte magic number {@code 0x0000TTNN} (TT the element type, 0x08 for
 * unsigned byte; NN the number of dimensions), then NN big-endian 32-bit dimensions, then the
 * values, row-major. Images are {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801}.
 * A malformed file gets an {@link IdxFormatException} naming the file and what is wrong.
 */
public final class IdxReader {
    /** The IDX type code for unsigned bytes, the only element type jgrad reads. */
    public static final int UNSIGNED_BYTE = 0x08;

    private static final int ANY_RANK = -1;
    private static final int BUFFER = 1 << 16;

    private IdxReader() {
    }

    /** Reads an unsigned-byte IDX file of any number of dimensions. */
    public static IdxArray read(Path file) {
        return readFile(file, ANY_RANK);
    }

    /** Reads an unsigned-byte IDX file that must have {@code rank} dimensions (3 for images, 1 for labels). */
    public static IdxArray read(Path file, int rank) {
        return readFile(file, checkedRank(rank));
    }

    /** Reads from a stream (e.g. a classpath resource); {@code name} is used in error messages. */
    public static IdxArray read(InputStream in, String name, int rank) {
        try {
            return readStream(in, name, checkedRank(rank));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static int checkedRank(int rank) {
        if (rank < 1 || rank > 255) {
            throw new IllegalArgumentException("IDX rank must be in [1, 255], got " + rank);
        }
        return rank;
    }

    private static IdxArray readFile(Path file, int rank) {
        try (InputStream in = Files.newInputStream(file)) {
            return readStream(in, file.toString(), rank);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("IDX file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static IdxArray readStream(InputStream raw, String name, int rank) throws IOException {
        InputStream in = new BufferedInputStream(raw, BUFFER);
        try {
            if (startsWithGzipMagic(in)) {
                in = new GZIPInputStream(in, BUFFER);
            }
            return parse(in, name, rank);
        } catch (ZipException e) {
            throw new IdxFormatException(name, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IdxFormatException(name, "truncated gzip header", e);
        }
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static IdxArray parse(InputStream in, String name, int rank) throws IOException {
        byte[] magic = new byte[4];
        int got = readUpTo(in, magic);
        if (got < 4) {
            throw new IdxFormatException(name, "truncated: expected a 4-byte IDX magic number, found " + got + " bytes");
        }
        int found = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8) | (magic[3] & 0xFF);
        int type = magic[2] & 0xFF;
        int foundRank = magic[3] & 0xFF;
        String expected = rank == ANY_RANK ? "0x000008NN (unsigned bytes, NN dimensions)"
                : String.format("0x%08X (unsigned bytes, %d dimension%s)", (UNSIGNED_BYTE << 8) | rank, rank,
                        rank == 1 ? "" : "s");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(name, String.format("wrong magic number 0x%08X, expected %s: this is not an "
                    + "IDX file (nor a gzip-compressed one)", found, expected));
        }
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(name, String.format("unsupported IDX type code 0x%02X (%s) in magic number "
                    + "0x%08X: jgrad reads only 0x08, unsigned bytes", type, typeName(type), found));
        }
        if (foundRank == 0 || (rank != ANY_RANK && foundRank != rank)) {
            throw new IdxFormatException(name, String.format("wrong magic number 0x%08X (%d dimension%s), expected %s",
                    found, foundRank, foundRank == 1 ? "" : "s", expected));
        }
        int[] dims = new int[foundRank];
        long total = 1;
        for (int i = 0; i < foundRank; i++) {
            byte[] four = new byte[4];
            if (readUpTo(in, four) < 4) {
                throw new IdxFormatException(name, "truncated header: expected " + foundRank + " dimensions, the file "
                        + "ends in dimension " + (i + 1));
            }
            long d = ((four[0] & 0xFFL) << 24) | ((four[1] & 0xFF) << 16) | ((four[2] & 0xFF) << 8) | (four[3] & 0xFF);
            total *= d;
            if (d > Integer.MAX_VALUE || total > Integer.MAX_VALUE - 8) {
                throw new IdxFormatException(name, "dimension " + (i + 1) + " is " + d + ": the data would not fit in "
                        + "one Java array (2^31 bytes)");
            }
            dims[i] = (int) d;
        }
        byte[] values = new byte[(int) total];
        int read = readUpTo(in, values);
        if (read < values.length) {
            throw new IdxFormatException(name, "truncated data: the header's dimensions " + Arrays.toString(dims)
                    + " need " + values.length + " bytes, found " + read);
        }
        if (readQuietly(in) != -1) {
            throw new IdxFormatException(name, "more data than the header's dimensions " + Arrays.toString(dims)
                    + " account for (" + values.length + " bytes): the header or the file is wrong");
        }
        return new IdxArray(name, dims, values);
    }

    /** Fills {@code buffer} as far as the stream allows; a gzip stream cut short counts as its end. */
    private static int readUpTo(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        try {
            while (n < buffer.length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            // GZIPInputStream signals a cut-off file this way; report it as truncation with the count so far
        }
        return n;
    }

    private static int readQuietly(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (EOFException e) {
            return -1;
        }
    }

    private static String typeName(int code) {
        switch (code) {
            case 0x08: return "unsigned byte";
            case 0x09: return "signed byte";
            case 0x0B: return "16-bit integer";
            case 0x0C: return "32-bit integer";
            case 0x0D: return "32-bit float";
            case 0x0E: return "64-bit float";
            default: return "not an IDX type";
        }
    }
}
