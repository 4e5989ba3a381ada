package dev.arbiter.classifiers.textmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A text classifier added by configuration: any DJL-loadable model (TorchScript {@code .pt} on the PyTorch engine,
 * or {@code .onnx} on ONNX Runtime) with a Hugging Face {@code tokenizer.json} beside it.
 *
 * @param id name of the classifier, also the prefix of its signal categories
 * @param modelDir directory holding the model file and {@code tokenizer.json}
 * @param modelName model file name without extension ({@code model} for {@code model.pt} / {@code model.onnx})
 * @param engine DJL engine name: {@code PyTorch} or {@code OnnxRuntime}
 * @param labels output labels, in the order of the model's logits
 * @param thresholds per label, the score from which the label becomes a flag; labels without one never flag
 * @param activation {@code softmax} (one label per text) or {@code sigmoid} (independent labels, as toxicity models)
 * @param maxTokens inputs are truncated to this many tokens
 */
public record TextModelConfig(String id, Path modelDir, String modelName, String engine, List<String> labels,
        Map<String, Double> thresholds, Activation activation, int maxTokens) {

    public static final String TOKENIZER_FILE = "tokenizer.json";

    /** How logits become scores in [0,1]. */
    public enum Activation { SOFTMAX, SIGMOID }

    public TextModelConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(activation, "activation");
        labels = List.copyOf(labels);
        thresholds = Map.copyOf(thresholds);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(id + ": a text model needs at least one label");
        }
        for (Map.Entry<String, Double> threshold : thresholds.entrySet()) {
            if (!labels.contains(threshold.getKey())) {
                throw new IllegalArgumentException(id + ": threshold for unknown label " + threshold.getKey());
            }
            if (threshold.getValue() < 0 || threshold.getValue() > 1) {
                throw new IllegalArgumentException(id + ": threshold must be in [0,1]: " + threshold);
            }
        }
        if (!engine.equals("PyTorch") && !engine.equals("OnnxRuntime")) {
            throw new IllegalArgumentException(id + ": engine must be PyTorch or OnnxRuntime, got " + engine);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException(id + ": maxTokens must be positive");
        }
    }
}
