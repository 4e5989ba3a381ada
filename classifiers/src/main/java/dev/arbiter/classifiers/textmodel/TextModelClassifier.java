package dev.arbiter.classifiers.textmodel;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.arbiter.classifiers.ArtifactHash;
import dev.arbiter.classifiers.Classifier;
import dev.arbiter.classifiers.DjlOffline;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.ModelVersion;
import dev.arbiter.classifiers.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Serves a pluggable text model (see {@link TextModelConfig}). Scores are named {@code <id>:<label>}; a label whose
 * score reaches its threshold becomes a flag of the same name. Thread-safe: predictors are pooled.
 */
public final class TextModelClassifier implements Classifier {

    private final TextModelConfig config;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String, float[]> model;
    private final ModelVersion version;
    private final ConcurrentLinkedDeque<Predictor<String, float[]>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<String, float[]>> created = new ArrayList<>();

    private TextModelClassifier(TextModelConfig config, HuggingFaceTokenizer tokenizer, ZooModel<String, float[]> model,
            ModelVersion version) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.model = model;
        this.version = version;
    }

    public static TextModelClassifier load(TextModelConfig config) throws IOException {
        DjlOffline.enforce();
        Path tokenizerFile = config.modelDir().resolve(TextModelConfig.TOKENIZER_FILE);
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new IOException(config.id() + ": " + tokenizerFile + " is missing");
        }
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, Map.of(
                "truncation", "true", "padding", "false", "maxLength", Integer.toString(config.maxTokens()),
                "addSpecialTokens", "true"));
        Criteria<String, float[]> criteria = Criteria.builder()
                .setTypes(String.class, float[].class)
                .optModelPath(config.modelDir())
                .optModelName(config.modelName())
                .optEngine(config.engine())
                .optDevice(Device.cpu())
                .optTranslator(new TextModelTranslator(tokenizer, config.activation()))
                .build();
        try {
            ZooModel<String, float[]> model = criteria.loadModel();
            return new TextModelClassifier(config, tokenizer, model,
                    new ModelVersion(config.id(), ArtifactHash.of(config.modelDir())));
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            tokenizer.close();
            throw new IOException(config.id() + ": cannot load the model in " + config.modelDir() + " with "
                    + config.engine() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public ModelVersion model() {
        return version;
    }

    public TextModelConfig config() {
        return config;
    }

    /** One score per configured label, in label order. */
    public float[] scores(String text) {
        Predictor<String, float[]> predictor = idle.poll();
        if (predictor == null) {
            synchronized (created) {
                predictor = model.newPredictor();
                created.add(predictor);
            }
        }
        try {
            float[] scores = predictor.predict(text);
            if (scores.length != config.labels().size()) {
                throw new IllegalStateException(config.id() + ": model gave " + scores.length + " scores for "
                        + config.labels().size() + " labels");
            }
            return scores;
        } catch (TranslateException e) {
            throw new IllegalStateException(config.id() + ": model failed on input: " + e.getMessage(), e);
        } finally {
            idle.push(predictor);
        }
    }

    @Override
    public Signals classify(ExtractedContent content) {
        float[] scores = scores(content.text());
        Map<String, Double> named = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> explanations = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            String label = config.labels().get(i);
            double score = Math.min(1.0, Math.max(0.0, scores[i]));
            named.put(config.id() + ":" + label, score);
            Double threshold = config.thresholds().get(label);
            if (threshold != null && score >= threshold) {
                flags.add(config.id() + ":" + label);
                explanations.add(String.format(Locale.ROOT, "%s: %s scored %.3f (threshold %.2f)", config.id(),
                        label, score, threshold));
            }
        }
        return new Signals(named, List.of(), flags, explanations, List.of(version));
    }

    @Override
    public void close() {
        synchronized (created) {
            created.forEach(Predictor::close);
            created.clear();
        }
        model.close();
        tokenizer.close();
    }
}
