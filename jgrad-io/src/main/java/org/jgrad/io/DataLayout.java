package org.jgrad.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that a header's byte ranges fit the data buffer as the safetensors format requires: each
 * range is exactly shape × dtype bytes long, inside the buffer, and together the ranges cover the
 * buffer with no overlap and no gap.
 */
final class DataLayout {

    private DataLayout() {
    }

    /** The entries sorted by where their data lies, after checking them against a buffer of {@code dataBytes}. */
    static List<HeaderEntry> check(Path file, List<HeaderEntry> entries, long dataBytes) throws FileFormatException {
        for (HeaderEntry e : entries) {
            long needed = (long) e.count() * e.dtype().bytes();
            if (e.end() - e.begin() != needed) {
                throw new FileFormatException(file, "tensor " + e + ": data_offsets cover " + (e.end() - e.begin())
                        + " bytes but " + HeaderEntry.code(e.dtype()) + " shape " + Arrays.toString(e.shape())
                        + " needs " + needed);
            }
            if (e.end() > dataBytes) {
                throw new FileFormatException(file, "tensor " + e + ": data_offsets run past the end of the data,"
                        + " which is " + dataBytes + " bytes long; the file is truncated or its header is wrong");
            }
        }
        List<HeaderEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(HeaderEntry::begin).thenComparingLong(HeaderEntry::end));
        long covered = 0;
        HeaderEntry previous = null;
        for (HeaderEntry e : sorted) {
            if (e.begin() < covered) {
                throw new FileFormatException(file, "tensors " + previous + " and " + e + " overlap");
            }
            if (e.begin() > covered) {
                throw new FileFormatException(file, "bytes [" + covered + ", " + e.begin() + ") of the data belong"
                        + " to no tensor; safetensors data must have no gaps");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataBytes) {
            throw new FileFormatException(file, "the last " + (dataBytes - covered) + " bytes of the data belong"
                    + " to no tensor (the data is " + dataBytes + " bytes, the tensors cover " + covered + ")");
        }
        return sorted;
    }
}
