package org.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.tensor.Tensor;

/**
 * A training checkpoint: the model's parameters, the optimizer's state (e.g. {@code
 * "0.weight.momentum"}) and scalars such as epoch, step, learning rate and seed, as strings.
 *
 * <p>Saved as one safetensors file, written atomically, that any safetensors reader can open:
 * tensors are named {@code param/<name>} and {@code optim/<name>}; the scalars go into
 * {@code __metadata__} as {@code scalar/<name>}, beside {@value #VERSION_KEY} = {@value #VERSION},
 * which marks the file as a jgrad checkpoint. All three maps keep their order and are read-only.
 */
public record TrainingCheckpoint(Map<String, Tensor> parameters, Map<String, Tensor> optimizerState,
                         Map<String, String> scalars) {
    /** The metadata key that marks a jgrad checkpoint; its value is the format version. */
    public static final String VERSION_KEY = "jgrad.checkpoint.version";
    /** The format version this jgrad writes and reads. */
    public static final String VERSION = "1";

    static final String PARAM = "param/";
    static final String OPTIM = "optim/";
    static final String SCALAR = "scalar/";

    public TrainingCheckpoint {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    /** Saves a checkpoint to {@code file}, replacing any previous one only once the new one is complete. */
    public static void save(Path file, Map<String, Tensor> parameters, Map<String, Tensor> optimizerState,
                            Map<String, String> scalars) throws IOException {
        new TrainingCheckpoint(parameters, optimizerState, scalars).save(file);
    }

    /** Saves this checkpoint to {@code file}, atomically. */
    public void save(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        parameters.forEach((name, t) -> tensors.put(PARAM + name, t));
        optimizerState.forEach((name, t) -> tensors.put(OPTIM + name, t));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(VERSION_KEY, VERSION);
        scalars.forEach((name, v) -> metadata.put(SCALAR + name, v));
        SafeTensors.write(file, tensors, metadata);
    }

    /** Loads a checkpoint saved by {@link #save}; a clear error if the file is not one. */
    public static TrainingCheckpoint load(Path file) throws IOException {
        SafeTensorsFile contents = SafeTensors.read(file);
        String version = contents.metadata().get(VERSION_KEY);
        if (version == null) {
            throw new FileFormatException(file, "not a jgrad checkpoint: its __metadata__ has no '" + VERSION_KEY
                    + "' key (to read a plain safetensors file use SafeTensors.read)");
        }
        if (!version.equals(VERSION)) {
            throw new FileFormatException(file, "checkpoint format version " + version + " is not supported;"
                    + " this jgrad reads version " + VERSION);
        }
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            String name = e.getKey();
            if (name.startsWith(PARAM)) {
                parameters.put(name.substring(PARAM.length()), e.getValue());
            } else if (name.startsWith(OPTIM)) {
                optimizerState.put(name.substring(OPTIM.length()), e.getValue());
            } else {
                throw new FileFormatException(file, "tensor '" + name + "' is neither a parameter ('" + PARAM
                        + "...') nor optimizer state ('" + OPTIM + "...'); the checkpoint is corrupt");
            }
        }
        Map<String, String> scalars = new LinkedHashMap<>();
        contents.metadata().forEach((key, value) -> {
            if (key.startsWith(SCALAR)) {
                scalars.put(key.substring(SCALAR.length()), value);
            }
        });
        return new TrainingCheckpoint(parameters, optimizerState, scalars);
    }

    /** The scalar called {@code name}; an error listing the scalars there are if it is missing. */
    public String scalar(String name) {
        String value = scalars.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the checkpoint has no scalar '" + name + "'; it has " + scalars.keySet());
        }
        return value;
    }
}
