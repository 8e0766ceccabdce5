package org.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file was read but its content is not what was expected: a truncated or corrupt safetensors
 * file, an unsupported dtype, a safetensors file that is not a jgrad checkpoint. The message
 * always starts with the file, then says what is wrong.
 */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public FileFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
