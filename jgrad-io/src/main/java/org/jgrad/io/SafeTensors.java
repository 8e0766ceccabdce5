package org.jgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;

/**
 * Reads and writes Hugging Face's safetensors format, so jgrad tensors can be exchanged with
 * PyTorch, NumPy and anything else that speaks it.
 *
 * <p>Layout (Note [safetensors layout]): an unsigned 64-bit little-endian header length N; N bytes
 * of UTF-8 JSON mapping each tensor name to {@code {"dtype": "F32"|"F64", "shape": [..],
 * "data_offsets": [begin, end]}}, plus an optional {@code "__metadata__"} object of strings, padded
 * with spaces so N is a multiple of 8; then the values, little-endian and row-major, with offsets
 * counted from the first byte after the header. jgrad writes float64 tensors first, then float32,
 * each group sorted by name (the reference implementation's order, which keeps every value aligned
 * to its size), back to back with no gaps. Shapes of any rank, including 0 (a scalar) and tensors
 * with zero elements, are supported; only F32 and F64 are.
 */
public final class SafeTensors {
    /** The reference implementation refuses larger headers; so do we. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final Comparator<HeaderEntry> FILE_ORDER =
            Comparator.comparing((HeaderEntry e) -> e.dtype() == DType.FLOAT64 ? 0 : 1)
                    .thenComparing(HeaderEntry::name);

    private SafeTensors() {
    }

    /** Writes {@code tensors} to {@code file} (replacing it atomically, see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} and the {@code metadata} strings to {@code file}, replacing it
     * atomically: if anything fails, the previous file is left as it was.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, out -> write(out, tensors, metadata));
    }

    /** Writes a whole safetensors file to {@code out}. */
    static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        metadata.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("metadata entry " + k + "=" + v + " has a null; metadata is strings only");
            }
        });
        Map<String, Tensor> byName = new HashMap<>();                  // one pass over the caller's map
        List<HeaderEntry> entries = new ArrayList<>();
        tensors.forEach((name, t) -> {
            entries.add(describe(name, t));
            byName.put(name, t);
        });
        entries.sort(FILE_ORDER);
        List<HeaderEntry> placed = new ArrayList<>();
        long offset = 0;
        for (HeaderEntry e : entries) {
            long bytes = (long) e.count() * e.dtype().bytes();
            placed.add(new HeaderEntry(e.name(), e.dtype(), e.shape(), offset, offset + bytes));
            offset += bytes;
        }
        byte[] header = SafeTensorsHeader.encode(placed, metadata);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        for (HeaderEntry e : placed) {
            TensorBytes.write(byName.get(e.name()).storage(), out);
        }
    }

    private static HeaderEntry describe(String name, Tensor t) {
        if (name == null || t == null) {
            throw new IllegalArgumentException("cannot save tensor '" + name + "' = " + t + ": names and tensors must not be null");
        }
        if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("'" + name + "' is reserved for safetensors metadata; rename the tensor");
        }
        return new HeaderEntry(name, t.dtype(), t.shape(), 0, 0);
    }

    /**
     * Reads a safetensors file holding F32 and F64 tensors. Every structural problem (truncation,
     * bad JSON, offsets that do not fit, unsupported dtypes) is a {@link FileFormatException} that
     * names the file and, where there is one, the tensor.
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new FileFormatException(file, "the file is " + size + " bytes long, too short for the"
                        + " 8-byte header length a safetensors file starts with");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            TensorBytes.readFully(channel, file, prefix, 0);
            long headerBytes = prefix.getLong(0);
            if (headerBytes < 0 || headerBytes > size - 8) {
                throw new FileFormatException(file, "the header length is " + Long.toUnsignedString(headerBytes)
                        + " bytes but the file has only " + (size - 8) + " bytes after it; the file is truncated"
                        + " or not a safetensors file");
            }
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new FileFormatException(file, "the header length is " + headerBytes + " bytes, more than the "
                        + MAX_HEADER_BYTES + " safetensors allows");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerBytes);
            TensorBytes.readFully(channel, file, header, 8);
            SafeTensorsHeader.Parsed parsed = SafeTensorsHeader.parse(file, header.array());
            long dataStart = 8 + headerBytes;
            List<HeaderEntry> layout = DataLayout.check(file, parsed.entries(), size - dataStart);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (HeaderEntry e : layout) {
                var values = TensorBytes.read(channel, file, dataStart + e.begin(), e.dtype(), e.count());
                tensors.put(e.name(), Tensor.wrap(values, e.shape()));
            }
            return new SafeTensorsFile(tensors, parsed.metadata());
        }
    }
}
