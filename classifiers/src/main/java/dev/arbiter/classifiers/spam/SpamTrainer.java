package dev.arbiter.classifiers.spam;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.arbiter.classifiers.DjlOffline;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Trains the spam model with DJL's training API on the PyTorch engine, on the CPU, reproducibly. */
public final class SpamTrainer {

    /** What a training run did, epoch by epoch. */
    public record TrainingRun(Path modelDir, SpamModelSpec spec, List<Double> epochLosses, long millis) {
    }

    private SpamTrainer() {
    }

    public static TrainingRun train(List<PreparedCorpus.LabelledEmail> train, SpamModelSpec spec, String dataHash,
            Path modelDir) throws IOException {
        DjlOffline.enforce();
        long started = System.nanoTime();
        SpamModelSpec trained = spec.trainedOn(dataHash, train.size());
        SpamFeatures features = trained.features();
        List<SpamFeatures.SparseVector> vectors = train.stream().map(email -> features.sparse(email.content()))
                .toList();
        Engine engine = Engine.getEngine(SpamModelSpec.ENGINE);
        engine.setRandomSeed((int) spec.seed());
        List<Double> losses = new ArrayList<>();
        try (Model model = Model.newInstance(SpamModelSpec.MODEL_NAME, Device.cpu(), SpamModelSpec.ENGINE)) {
            model.setBlock(trained.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(spec.learningRate())).build())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(spec.batchSize(), spec.dimensions()));
                Random shuffler = new Random(spec.seed());
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    order.add(i);
                }
                for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                    Collections.shuffle(order, shuffler);
                    double lossSum = 0;
                    int batches = 0;
                    for (int from = 0; from < order.size(); from += spec.batchSize()) {
                        List<Integer> batch = order.subList(from, Math.min(order.size(), from + spec.batchSize()));
                        lossSum += step(trainer, batch, train, vectors, spec.dimensions());
                        batches++;
                    }
                    losses.add(lossSum / batches);
                }
            }
            model.setProperty("dataHash", dataHash);
            removePreviousModel(modelDir);
            model.save(modelDir, SpamModelSpec.MODEL_NAME);
        }
        trained.write(modelDir);
        return new TrainingRun(modelDir, trained, List.copyOf(losses), (System.nanoTime() - started) / 1_000_000);
    }

    /** DJL numbers saved parameter files by epoch; an old file beside the new one would change the model's hash. */
    private static void removePreviousModel(Path modelDir) throws IOException {
        if (!Files.isDirectory(modelDir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(modelDir,
                SpamModelSpec.MODEL_NAME + "-*.params")) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
        Files.deleteIfExists(modelDir.resolve(SpamModelSpec.SPEC_FILE));
    }

    private static double step(Trainer trainer, List<Integer> batch, List<PreparedCorpus.LabelledEmail> train,
            List<SpamFeatures.SparseVector> vectors, int dimensions) {
        float[] data = new float[batch.size() * dimensions];
        long[] labels = new long[batch.size()];
        for (int row = 0; row < batch.size(); row++) {
            int index = batch.get(row);
            vectors.get(index).writeInto(data, row * dimensions);
            labels[row] = train.get(index).spam() ? 1 : 0;
        }
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray x = manager.create(data, new Shape(batch.size(), dimensions));
            NDArray y = manager.create(labels);
            double loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(lossValue);
                loss = lossValue.getFloat();
            }
            trainer.step();
            return loss;
        }
    }
}
