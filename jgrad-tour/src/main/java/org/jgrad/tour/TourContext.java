package org.jgrad.tour;

import org.jgrad.chapter.SeedNetwork;
import org.jgrad.data.FashionMnist;
import org.jgrad.init.Initializer;
import org.jgrad.init.ParamKind;
import org.jgrad.init.Xavier;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/** What every section may use: the options, the data set, and a seeded generator of its own. */
final class TourContext {
    /** The chapter network's sizes and penalty, on one real image: d = 784 pixels, h = 256 hidden units, q = 10 classes. */
    static final int HIDDEN = 256;
    static final double LAMBDA = 1e-3;

    final Tour.Options options;
    final FashionMnist data;
    private SeedNetwork.Result seedNetwork;

    TourContext(Tour.Options options, FashionMnist data) {
        this.options = options;
        this.data = data;
    }

    boolean quick() {
        return options.quick();
    }

    /** The chapter's network on the first test image, Xavier-Gaussian weights; computed once, used by two sections. */
    SeedNetwork.Result seedNetwork() {
        if (seedNetwork == null) {
            Rng rng = rng("seed-network");
            Tensor x = data.test().features(new int[] {0}).reshape(-1).astype(DType.FLOAT64);
            int y = data.test().label(0);
            Tensor w1 = Tensor.zeros(DType.FLOAT64, HIDDEN, x.size());
            Tensor w2 = Tensor.zeros(DType.FLOAT64, FashionMnist.NUM_CLASSES, HIDDEN);
            Xavier.gaussian().initialize(new Initializer.Target("W1", ParamKind.WEIGHT), w1, rng);
            Xavier.gaussian().initialize(new Initializer.Target("W2", ParamKind.WEIGHT), w2, rng);
            seedNetwork = SeedNetwork.run(x, y, w1, w2, LAMBDA);
        }
        return seedNetwork;
    }

    /** A generator for one section, derived from the tour's seed and the section id, so sections are independent. */
    Rng rng(String sectionId) {
        return new Rng(options.seed() * 1_000_003L + sectionId.hashCode());
    }
}
