package org.jgrad.tensor;

/**
 * Element types a {@link Tensor} can hold. float32 is the default, as in MXNet and PyTorch;
 * float64 is there for gradient checks and numerically delicate work.
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8);

    private final String label;
    private final int bytes;

    DType(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** Bytes one element takes. */
    public int bytes() {
        return bytes;
    }

    /** The NumPy name of the type, e.g. {@code float32}. */
    @Override
    public String toString() {
        return label;
    }

    /** Parses {@code float32}/{@code float64} (also {@code f32}, {@code F64} as safetensors spells them). */
    public static DType parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "float32": case "f32": case "float": return FLOAT32;
            case "float64": case "f64": case "double": return FLOAT64;
            default: throw new IllegalArgumentException("unknown dtype '" + name + "': use float32 or float64");
        }
    }
}
