package dev.arbiter.classifiers.spam;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.arbiter.classifiers.ArtifactHash;
import dev.arbiter.classifiers.DjlOffline;
import dev.arbiter.classifiers.Classifier;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.ModelVersion;
import dev.arbiter.classifiers.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Serves the trained spam model, loaded through DJL {@link Criteria} on the PyTorch engine. Thread-safe:
 * predictors (which are not) are pooled.
 */
public final class SpamClassifier implements Classifier {

    public static final String SPAM = "spam";

    private final String id;
    private final SpamModelSpec spec;
    private final ZooModel<ExtractedContent, Classifications> model;
    private final ModelVersion version;
    private final double threshold;
    private final ConcurrentLinkedDeque<Predictor<ExtractedContent, Classifications>> predictors =
            new ConcurrentLinkedDeque<>();
    private final List<Predictor<ExtractedContent, Classifications>> created = new ArrayList<>();

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("\\p{L}{2,}");

    private SpamClassifier(String id, SpamModelSpec spec, ZooModel<ExtractedContent, Classifications> model,
            ModelVersion version, double threshold) {
        this.id = id;
        this.spec = spec;
        this.model = model;
        this.version = version;
        this.threshold = threshold;
    }

    /** Loads a model directory written by {@link SpamTrainer}; the threshold defaults to the trained one. */
    public static SpamClassifier load(String id, Path modelDir, Double threshold) throws IOException {
        DjlOffline.enforce();
        SpamModelSpec spec = SpamModelSpec.read(modelDir);
        if (!SpamFeatures.VERSION.equals(spec.featureSet())) {
            throw new IOException(modelDir + " was trained on features " + spec.featureSet() + ", this code computes "
                    + SpamFeatures.VERSION + ": train it again");
        }
        String hash = ArtifactHash.of(modelDir);
        Criteria<ExtractedContent, Classifications> criteria = Criteria.builder()
                .setTypes(ExtractedContent.class, Classifications.class)
                .optModelPath(modelDir)
                .optModelName(SpamModelSpec.MODEL_NAME)
                .optEngine(SpamModelSpec.ENGINE)
                .optDevice(Device.cpu())
                .optBlock(spec.block())
                .optTranslator(new SpamTranslator(spec.features()))
                .build();
        try {
            ZooModel<ExtractedContent, Classifications> model = criteria.loadModel();
            return new SpamClassifier(id, spec, model, new ModelVersion("spam-assassin-mlp", hash),
                    threshold == null ? spec.threshold() : threshold);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("cannot load the spam model from " + modelDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ModelVersion model() {
        return version;
    }

    public SpamModelSpec spec() {
        return spec;
    }

    public double threshold() {
        return threshold;
    }

    /** Probability that the content is spam. */
    public double spamProbability(ExtractedContent content) {
        return spamProbabilities(List.of(content)).get(0);
    }

    /** Probabilities for many items in one forward pass. */
    public List<Double> spamProbabilities(List<ExtractedContent> contents) {
        Predictor<ExtractedContent, Classifications> predictor = borrow();
        try {
            return predictor.batchPredict(contents).stream().map(result -> result.get(SPAM).getProbability())
                    .toList();
        } catch (TranslateException e) {
            throw new IllegalStateException("spam model failed on input: " + e.getMessage(), e);
        } finally {
            predictors.push(predictor);
        }
    }

    /**
     * Below this many words the model abstains: it learnt from e-mails, and on a short post ("Happy birthday mom,
     * see you at dinner tonight") it is confidently wrong, so its score would remove innocent content.
     */
    public static final int MIN_WORDS = 20;

    /** Raised instead of a spam score when the text is too short for the model. */
    public static final String ABSTAINED = "spam-model-abstained";

    @Override
    public Signals classify(ExtractedContent content) {
        long words = WORD.matcher(content.text()).results().count();
        if (words < MIN_WORDS) {
            return new Signals(Map.of(), List.of(), Set.of(ABSTAINED),
                    List.of(String.format("spam model %s abstained: %d words, needs %d", version.id(), words, MIN_WORDS)),
                    List.of(version));
        }
        double probability = Math.min(1.0, Math.max(0.0, spamProbability(content)));
        boolean spam = probability >= threshold;
        return new Signals(Map.of(SPAM, probability), List.of(), spam ? Set.of(SPAM) : Set.of(),
                List.of(String.format("spam model %s: p(spam)=%.3f, threshold %.2f", version.id(), probability,
                        threshold)),
                List.of(version));
    }

    private Predictor<ExtractedContent, Classifications> borrow() {
        Predictor<ExtractedContent, Classifications> predictor = predictors.poll();
        if (predictor != null) {
            return predictor;
        }
        synchronized (created) {
            Predictor<ExtractedContent, Classifications> fresh = model.newPredictor();
            created.add(fresh);
            return fresh;
        }
    }

    @Override
    public void close() {
        synchronized (created) {
            created.forEach(Predictor::close);
            created.clear();
        }
        model.close();
    }
}
