package org.jgrad.init;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * MXNet's Mixed: the first pattern that matches the start of a parameter's name (Python's
 * re.match) chooses its initializer. A name no pattern matches is an error; end with ".*" for a
 * default.
 */
public final class Mixed implements Initializer {
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();

    /** Adds a rule; rules are tried in the order added. */
    public Mixed add(String regex, Initializer init) {
        patterns.add(Pattern.compile(regex));
        initializers.add(init);
        return this;
    }

    @Override
    public void initialize(Target target, Tensor data, Rng rng) {
        choose(target).initialize(target, data, rng);
    }

    @Override
    public void initWeight(Target target, Tensor data, Rng rng) {
        choose(target).initWeight(target, data, rng);
    }

    private Initializer choose(Target target) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(target.name()).lookingAt()) {
                return initializers.get(i);
            }
        }
        throw new IllegalArgumentException("Mixed: parameter '" + target.name() + "' matches none of " + patterns
                + "; add a \".*\" rule last for a default initializer");
    }

    @Override
    public String toString() {
        return "Mixed" + patterns;
    }
}
