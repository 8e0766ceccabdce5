package org.jgrad.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Builds an {@link ArrayDataset} from an IDX images file and its IDX labels file: pixels are scaled
 * from bytes to [0, 1] (byte / 255), labels must be in [0, numClasses) and the two files must hold
 * the same number of items. A 3-D images file (n, h, w) gives examples of shape (1, h, w): one
 * channel, as convolution layers expect; other ranks keep their dimensions after the first.
 */
public final class IdxDatasets {
    private static final float[] UNIT_SCALE = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            UNIT_SCALE[b] = b / 255f;
        }
    }

    private IdxDatasets() {
    }

    /** Reads an images file and a labels file (each plain or gzip) into a data set. */
    public static ArrayDataset read(Path images, Path labels, int numClasses) {
        return of(IdxReader.read(images), IdxReader.read(labels, 1), numClasses);
    }

    /** Pairs images already read with their labels (a 1-D array). */
    public static ArrayDataset of(IdxArray images, IdxArray labels, int numClasses) {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses must be in [1, 256] for byte labels, got " + numClasses);
        }
        if (labels.rank() != 1) {
            throw new IdxFormatException(labels.source(), "a labels file must be 1-D, found dimensions "
                    + Arrays.toString(labels.dims()));
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException(images.source(), "holds " + images.count() + " images but its labels file "
                    + labels.source() + " holds " + labels.count() + " labels: the two files do not belong together");
        }
        int[] classes = new int[labels.count()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.unsigned(i);
            if (classes[i] >= numClasses) {
                throw new IdxFormatException(labels.source(), "label " + classes[i] + " at item " + i + " is outside [0, "
                        + numClasses + ")");
            }
        }
        return ArrayDataset.of(scaleToUnit(images.values()), featureShape(images), classes, numClasses);
    }

    private static int[] featureShape(IdxArray images) {
        int[] dims = images.dims();
        if (dims.length == 1) {
            return new int[] {1};
        }
        if (dims.length == 3) {
            return new int[] {1, dims[1], dims[2]};
        }
        return Arrays.copyOfRange(dims, 1, dims.length);
    }

    /** Bytes read as unsigned values, divided by 255. */
    static float[] scaleToUnit(byte[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = UNIT_SCALE[pixels[i] & 0xFF];
        }
        return out;
    }
}
