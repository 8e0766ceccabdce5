package org.jgrad.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.tensor.Tensor;

/**
 * What a safetensors file holds: named tensors, in the order their data lies in the file, and the
 * optional {@code __metadata__} strings (empty when the file has none). Both maps are read-only
 * and keep the file's order.
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor called {@code name}; an error listing the names there are if it is missing. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; the file has " + tensors.keySet());
        }
        return t;
    }
}
