package dev.arbiter.classifiers.spam;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything needed to rebuild, retrain or serve the spam model, stored as {@code spam-model.json} beside its
 * parameters: the network shape, the features, the training settings and the exact data it was trained on.
 *
 * @param featureSet version of {@link SpamFeatures}: a model is only reused with the features it was trained on
 * @param dimensions size of the hashed feature vector
 * @param maxChars characters of text looked at
 * @param hidden width of the hidden layer
 * @param dropout dropout rate during training
 * @param epochs passes over the training split
 * @param batchSize messages per optimiser step
 * @param learningRate Adam learning rate
 * @param seed seed of every random choice (split, shuffles, initial weights, dropout)
 * @param heldOutFraction share of each label held out for evaluation
 * @param threshold spam probability from which a message counts as spam
 * @param dataPackage npm package and version the corpus came from
 * @param dataHash SHA-256 of the package tarball
 * @param trainedOn number of messages trained on
 */
public record SpamModelSpec(String featureSet, int dimensions, int maxChars, int hidden, float dropout, int epochs,
        int batchSize, float learningRate, long seed, double heldOutFraction, double threshold, String dataPackage,
        String dataHash, int trainedOn) {

    public static final String MODEL_NAME = "spam";
    public static final String SPEC_FILE = "spam-model.json";
    public static final String ENGINE = "PyTorch";

    /** The settings the training command uses unless told otherwise. */
    public static SpamModelSpec defaults() {
        return new SpamModelSpec(SpamFeatures.VERSION, 1 << 14, 20_000, 64, 0.2f, 8, 32, 1e-3f, 2002L, 0.2, 0.5,
                SpamAssassinCorpus.PACKAGE + "@" + SpamAssassinCorpus.VERSION, "", 0);
    }

    public SpamModelSpec trainedOn(String hash, int count) {
        return new SpamModelSpec(featureSet, dimensions, maxChars, hidden, dropout, epochs, batchSize, learningRate,
                seed, heldOutFraction, threshold, dataPackage, hash, count);
    }

    public SpamModelSpec withEpochs(int value) {
        return new SpamModelSpec(featureSet, dimensions, maxChars, hidden, dropout, value > 0 ? value : epochs,
                batchSize, learningRate, seed, heldOutFraction, threshold, dataPackage, dataHash, trainedOn);
    }

    public SpamModelSpec withSeed(long value) {
        return new SpamModelSpec(featureSet, dimensions, maxChars, hidden, dropout, epochs, batchSize, learningRate,
                value, heldOutFraction, threshold, dataPackage, dataHash, trainedOn);
    }

    public SpamFeatures features() {
        return new SpamFeatures(dimensions, maxChars);
    }

    /** A small multilayer perceptron over the hashed features: two logits, ham and spam. */
    public Block block() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout).build())
                .add(Linear.builder().setUnits(2).build());
    }

    public void write(Path modelDir) throws IOException {
        Files.createDirectories(modelDir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(modelDir.resolve(SPEC_FILE).toFile(), this);
    }

    public static SpamModelSpec read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(SPEC_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(modelDir + " is not a spam model directory: " + SPEC_FILE + " is missing");
        }
        return new ObjectMapper().readValue(file.toFile(), SpamModelSpec.class);
    }

}
