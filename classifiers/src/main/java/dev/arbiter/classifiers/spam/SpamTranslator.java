package dev.arbiter.classifiers.spam;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.arbiter.classifiers.ExtractedContent;
import java.util.List;

/** Extracted content in, ham/spam probabilities out; the features are the ones the model was trained on. */
final class SpamTranslator implements Translator<ExtractedContent, Classifications> {

    static final List<String> LABELS = List.of("ham", "spam");

    private final SpamFeatures features;

    SpamTranslator(SpamFeatures features) {
        this.features = features;
    }

    @Override
    public NDList processInput(TranslatorContext context, ExtractedContent input) {
        return new NDList(context.getNDManager().create(features.vector(input)));
    }

    @Override
    public Classifications processOutput(TranslatorContext context, NDList list) {
        NDArray probabilities = list.singletonOrThrow().softmax(-1);
        return new Classifications(LABELS, probabilities);
    }
}
