package org.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.nn.Module;
import org.jgrad.nn.Parameter;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * A model's parameters as one safetensors file, named as the module tree names them
 * ({@code 1.weight}, {@code 3.bias}): the format PyTorch and Hugging Face tools read. Saving is
 * atomic; loading checks every name, shape and dtype before touching the model.
 */
public final class ModelParameters {
    private ModelParameters() {
    }

    public static void save(Module model, Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> tensors.put(name, p.data()));
        SafeTensors.write(file, tensors, Map.of("format", "jgrad"));
    }

    /** Loads values into an initialized (or deferred) model; the file must hold exactly its parameters. */
    public static void load(Module model, Path file) throws IOException {
        SafeTensorsFile f = SafeTensors.read(file);
        Map<String, Parameter> params = model.namedParameters();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = f.tensors().get(e.getKey());
            if (t == null) {
                throw new FileFormatException(file, "has no tensor '" + e.getKey() + "' (it holds " + f.tensors().keySet()
                        + "); was it saved from another model?");
            }
            Parameter p = e.getValue();
            if (p.isShapeKnown() && !java.util.Arrays.equals(p.shape(), t.shape())) {
                throw new FileFormatException(file, "tensor '" + e.getKey() + "' has shape " + Shapes.toString(t.shape())
                        + " but the model's parameter has " + Shapes.toString(p.shape()));
            }
            if (p.dtype() != t.dtype()) {
                throw new FileFormatException(file, "tensor '" + e.getKey() + "' is " + t.dtype() + " but the model's"
                        + " parameter is " + p.dtype());
            }
        }
        for (String name : f.tensors().keySet()) {
            if (!params.containsKey(name)) {
                throw new FileFormatException(file, "holds '" + name + "', which the model has no parameter for");
            }
        }
        params.forEach((name, p) -> p.set(f.tensors().get(name)));
    }
}
