package org.jgrad.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes any Jackson-serializable value (records, lists, maps, numbers, strings) as indented JSON,
 * atomically, so every part of jgrad that saves a training history or a table of monitor rows
 * writes JSON the same way. Records are written by their component names; NaN and infinities,
 * which JSON has no numbers for, are written as the strings {@code "NaN"}, {@code "Infinity"}.
 */
public final class JsonExport {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonExport() {
    }

    /** Writes {@code value} as indented JSON (with a final newline) to {@code file}, replacing it atomically. */
    public static void write(Path file, Object value) throws IOException {
        byte[] json = JSON.writeValueAsBytes(value);
        AtomicFiles.write(file, out -> {
            out.write(json);
            out.write('\n');
        });
    }
}
