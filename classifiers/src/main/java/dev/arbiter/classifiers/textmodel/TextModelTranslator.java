package dev.arbiter.classifiers.textmodel;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/** Text in, one score per label out: tokenizer ids and attention mask feed the model, logits come back. */
final class TextModelTranslator implements Translator<String, float[]> {

    private final HuggingFaceTokenizer tokenizer;
    private final TextModelConfig.Activation activation;

    TextModelTranslator(HuggingFaceTokenizer tokenizer, TextModelConfig.Activation activation) {
        this.tokenizer = tokenizer;
        this.activation = activation;
    }

    @Override
    public NDList processInput(TranslatorContext context, String text) {
        Encoding encoding = tokenizer.encode(text);
        NDManager manager = context.getNDManager();
        NDArray ids = manager.create(encoding.getIds());
        ids.setName("input_ids");
        NDArray mask = manager.create(encoding.getAttentionMask());
        mask.setName("attention_mask");
        return new NDList(ids, mask);
    }

    @Override
    public float[] processOutput(TranslatorContext context, NDList list) {
        NDArray logits = list.get(0);
        NDArray scores = activation == TextModelConfig.Activation.SOFTMAX ? logits.softmax(-1)
                : ai.djl.nn.Activation.sigmoid(logits);
        return scores.toFloatArray();
    }
}
