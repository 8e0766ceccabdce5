package org.jgrad.data;

/**
 * A data file that cannot be used as it is: not IDX, an unsupported element type, fewer bytes than
 * its header promises, or an images file and a labels file that do not belong together. The
 * message starts with the file it is about.
 */
public final class IdxFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
