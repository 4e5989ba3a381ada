package dev.arbiter.classifiers.textmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TextModelClassifierTest {

    static final List<String> VOCABULARY = List.of("[PAD]", "[UNK]", "you", "are", "a", "lovely", "kind", "friend",
            "stupid", "idiot", "worthless");

    /** Two dimensions: kindness and insult. Friendly words load the first, insults the second. */
    public static Path buildToxicityModel(Path dir) throws IOException {
        float[][] embedding = new float[VOCABULARY.size()][2];
        for (String word : List.of("lovely", "kind", "friend")) {
            embedding[VOCABULARY.indexOf(word)] = new float[] {3f, 0f};
        }
        for (String word : List.of("stupid", "idiot", "worthless")) {
            embedding[VOCABULARY.indexOf(word)] = new float[] {0f, 3f};
        }
        float[][] weight = {{2f, -2f}, {-2f, 2f}};
        float[] bias = {0.1f, -0.1f};
        TinyTorchScript.write(dir.resolve("model.pt"), embedding, weight, bias);
        TinyTokenizer.write(dir.resolve(TextModelConfig.TOKENIZER_FILE), VOCABULARY);
        return dir;
    }

    static Path buildOnnxToxicityModel(Path dir) throws IOException {
        buildToxicityModel(dir);
        Files.delete(dir.resolve("model.pt"));
        float[][] embedding = new float[VOCABULARY.size()][2];
        for (String word : List.of("lovely", "kind", "friend")) {
            embedding[VOCABULARY.indexOf(word)] = new float[] {3f, 0f};
        }
        for (String word : List.of("stupid", "idiot", "worthless")) {
            embedding[VOCABULARY.indexOf(word)] = new float[] {0f, 3f};
        }
        TinyOnnx.write(dir.resolve("model.onnx"), embedding, new float[][] {{2f, -2f}, {-2f, 2f}},
                new float[] {0.1f, -0.1f});
        return dir;
    }

    static TextModelConfig config(Path dir) {
        return new TextModelConfig("toxicity", dir, "model", "PyTorch", List.of("ok", "toxic"),
                Map.of("toxic", 0.8), TextModelConfig.Activation.SOFTMAX, 64);
    }

    @Test
    void loadsATorchScriptModelAndTokenizerByConfiguration(@TempDir Path dir) throws IOException {
        try (TextModelClassifier classifier = TextModelClassifier.load(config(buildToxicityModel(dir)))) {
            float[] friendly = classifier.scores("You are a lovely kind friend");
            float[] insult = classifier.scores("you are a stupid worthless idiot");
            assertThat(friendly[0] + friendly[1]).isCloseTo(1f, Offset.offset(1e-5f));
            assertThat(friendly[1]).isLessThan(0.05f);
            assertThat(insult[1]).isGreaterThan(0.95f);

            // mean of three neutral words and one insult: (0, 0.75) -> logits (-1.4, 1.4)
            float[] mild = classifier.scores("you are a idiot");
            double expected = 1 / (1 + Math.exp(-(1.4 - -1.4)));
            assertThat((double) mild[1]).isCloseTo(expected, Offset.offset(1e-4));

            Signals signals = classifier.classify(ExtractedContent.ofText("you stupid idiot"));
            assertThat(signals.flagged("toxicity:toxic")).isTrue();
            assertThat(signals.score("toxicity:ok")).isLessThan(0.05);
            assertThat(signals.models()).singleElement().satisfies(model -> {
                assertThat(model.id()).isEqualTo("toxicity");
                assertThat(model.version()).startsWith("sha256:");
            });
            assertThat(classifier.classify(ExtractedContent.ofText("a kind friend")).flags()).isEmpty();
        }
    }

    @Test
    void loadsTheSameModelAsOnnxOnOnnxRuntime(@TempDir Path torch, @TempDir Path onnx) throws IOException {
        buildToxicityModel(torch);
        buildOnnxToxicityModel(onnx);
        TextModelConfig onnxConfig = new TextModelConfig("toxicity-onnx", onnx, "model", "OnnxRuntime",
                List.of("ok", "toxic"), Map.of("toxic", 0.8), TextModelConfig.Activation.SOFTMAX, 64);
        try (TextModelClassifier fromTorch = TextModelClassifier.load(config(torch));
                TextModelClassifier fromOnnx = TextModelClassifier.load(onnxConfig)) {
            for (String text : List.of("you are a idiot", "a lovely kind friend", "worthless", "nothing known")) {
                float[] expected = fromTorch.scores(text);
                float[] actual = fromOnnx.scores(text);
                assertThat(actual).containsExactly(expected, Offset.offset(1e-5f));
            }
            assertThat(fromOnnx.classify(ExtractedContent.ofText("stupid worthless idiot"))
                    .flagged("toxicity-onnx:toxic")).isTrue();
        }
    }

    @Test
    void versionChangesWhenTheArtifactChanges(@TempDir Path dir) throws IOException {
        buildToxicityModel(dir);
        String first;
        try (TextModelClassifier classifier = TextModelClassifier.load(config(dir))) {
            first = classifier.model().version();
        }
        float[][] embedding = new float[VOCABULARY.size()][2];
        TinyTorchScript.write(dir.resolve("model.pt"), embedding, new float[][] {{1f, 0f}, {0f, 1f}},
                new float[] {0f, 0f});
        try (TextModelClassifier classifier = TextModelClassifier.load(config(dir))) {
            assertThat(classifier.model().version()).isNotEqualTo(first);
            assertThat(classifier.scores("stupid idiot")[1]).isCloseTo(0.5f,
                    Offset.offset(1e-5f));
        }
    }

    @Test
    void misconfigurationIsReportedClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TextModelClassifier.load(config(dir))).isInstanceOf(IOException.class)
                .hasMessageContaining("tokenizer.json");
        buildToxicityModel(dir);
        Files.writeString(dir.resolve("model.pt"), "not a model");
        assertThatThrownBy(() -> TextModelClassifier.load(config(dir))).isInstanceOf(IOException.class)
                .hasMessageContaining("toxicity");
        assertThatThrownBy(() -> new TextModelConfig("x", dir, "model", "PyTorch", List.of("a"), Map.of("b", 0.5),
                TextModelConfig.Activation.SIGMOID, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
