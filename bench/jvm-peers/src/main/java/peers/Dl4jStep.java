package peers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The chapter's MLP step on Deeplearning4j (784-256-10, ReLU, softmax cross-entropy, SGD 0.1,
 * batch 256): one fit() per batch on 40 pre-made batches taken in turn, medians of rounds after
 * warm-up. Prints one JSON line. Threads: OMP_NUM_THREADS.
 */
public final class Dl4jStep {
    public static void main(String[] args) {
        int batches = 40;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(0)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(1);
        DataSet[] sets = new DataSet[batches];
        for (int i = 0; i < batches; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 256, 784);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 256, 10);
            for (int r = 0; r < 256; r++) {
                labels.putScalar(r, (r * 7 + i) % 10, 1f);
            }
            sets[i] = new DataSet(x, labels);
        }
        int[] next = {0};
        Runnable step = () -> {
            int i = next[0];
            next[0] = (i + 1) % batches;
            net.fit(sets[i]);
        };
        double[] r = Timing.medianSeconds(step, 3.0, 7, 0.4);
        System.out.printf("{\"peer\": \"dl4j\", \"threads\": \"%s\", \"samples_per_s\": %.1f, \"min\": %.1f, \"max\": %.1f}%n",
                System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), 256 / r[0], 256 / r[2], 256 / r[1]);
    }
}
