package dev.arbiter.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.classifiers.coded.CodedLanguageDetector;
import dev.arbiter.classifiers.imagehash.HashBank;
import dev.arbiter.classifiers.imagehash.ImageHashClassifier;
import dev.arbiter.classifiers.imagehash.PdqHasher;
import dev.arbiter.classifiers.imagehash.TestImages;
import dev.arbiter.classifiers.spam.SpamClassifier;
import dev.arbiter.classifiers.spam.SpamModelFixture;
import dev.arbiter.classifiers.textmodel.TextModelClassifierTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierRegistryTest {

    @Test
    void loadsEveryConfiguredClassifierAndMergesTheirSignals(@TempDir Path dir) throws IOException {
        SpamModelFixture.trainedModel();
        Files.createDirectories(dir.resolve("models/toxicity"));
        TextModelClassifierTest.buildToxicityModel(dir.resolve("models/toxicity"));
        HashBank bank = new HashBank("scam-images");
        bank.add(new PdqHasher().hash(TestImages.scene(77, 800, 600)).hash(), "scam-banner", "case-77");
        Files.createDirectories(dir.resolve("banks"));
        bank.save(dir.resolve("banks/scam-images.tsv"));
        Files.writeString(dir.resolve("classifiers.properties"), """
                classifiers=spam, profanity, images, toxicity
                classifier.spam.type=spam-model
                classifier.spam.model-dir=%s
                classifier.profanity.type=coded-language
                classifier.profanity.languages=en,de
                classifier.images.type=pdq-hash-bank
                classifier.images.banks=scam-images=banks/scam-images.tsv
                classifier.toxicity.type=text-model
                classifier.toxicity.model-dir=models/toxicity
                classifier.toxicity.labels=ok,toxic
                classifier.toxicity.thresholds=toxic:0.6
                """.formatted(SpamModelFixture.MODEL_DIR.toAbsolutePath().toString().replace('\\', '/')));

        try (ClassifierRegistry registry = ClassifierRegistry.load(dir.resolve("classifiers.properties"))) {
            assertThat(registry.classifiers()).extracting(Classifier::id)
                    .containsExactly("spam", "profanity", "images", "toxicity");
            ExtractedContent content = new ExtractedContent("message/rfc822",
                    "you stupid idiot, WIN a FREE prize!!! click http://prizes.example.biz now, f*ck the rules,"
                            // Twenty words at least, or the spam model abstains.
                            + " stupid idiot, stupid idiot, stupid idiot, stupid idiot, stupid idiot, stupid idiot",
                    Optional.of("en"),
                    List.of(new MediaPart("banner.jpg", "image/jpeg",
                            TestImages.jpeg(TestImages.resize(TestImages.scene(77, 800, 600), 400, 300), 0.7f))),
                    Map.of("dc:title", List.of("FREE PRIZE!!! Claim now")), false);

            Signals signals = registry.classify(content);

            assertThat(signals.flags()).contains(CodedLanguageDetector.CODED_FLAG, ImageHashClassifier.KNOWN_IMAGE,
                    "toxicity:toxic");
            assertThat(signals.scores()).containsKeys(SpamClassifier.SPAM, CodedLanguageDetector.PROFANITY,
                    ImageHashClassifier.KNOWN_IMAGE, "toxicity:toxic");
            assertThat(signals.scores().values()).allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
            assertThat(signals.models()).hasSize(4).containsExactlyElementsOf(registry.models());
            assertThat(signals.models()).allSatisfy(model -> assertThat(model.version()).startsWith("sha256:"));
        }
    }

    @Test
    void aFailingClassifierIsReportedAndTheOthersStillRun() {
        Classifier broken = new Classifier() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public ModelVersion model() {
                return new ModelVersion("broken", "sha256:0");
            }

            @Override
            public Signals classify(ExtractedContent content) {
                throw new IllegalStateException("model file vanished");
            }
        };
        try (ClassifierRegistry registry = new ClassifierRegistry(List.of(broken,
                CodedLanguageDetector.withAllLists()))) {
            Signals signals = registry.classify(ExtractedContent.ofText("sh1t happens").withLanguage("en"));
            assertThat(signals.flags()).contains(ClassifierRegistry.CLASSIFIER_FAILED, "classifier-failed:broken",
                    CodedLanguageDetector.CODED_FLAG);
            assertThat(signals.explanations()).anySatisfy(line -> assertThat(line).contains("model file vanished"));
        }
    }

    @Test
    void badConfigurationIsRejectedWithTheReason(@TempDir Path dir) {
        Properties unknown = new Properties();
        unknown.setProperty("classifiers", "x");
        unknown.setProperty("classifier.x.type", "magic");
        assertThatThrownBy(() -> ClassifierRegistry.load(unknown, dir)).hasMessageContaining("unknown type 'magic'");
        Properties missing = new Properties();
        missing.setProperty("classifiers", "spam");
        missing.setProperty("classifier.spam.type", "spam-model");
        assertThatThrownBy(() -> ClassifierRegistry.load(missing, dir))
                .hasMessageContaining("classifier.spam.model-dir is required");
        Properties badLanguage = new Properties();
        badLanguage.setProperty("classifiers", "p");
        badLanguage.setProperty("classifier.p.type", "coded-language");
        badLanguage.setProperty("classifier.p.languages", "en,xx");
        assertThatThrownBy(() -> ClassifierRegistry.load(badLanguage, dir)).hasMessageContaining("'xx'");
        assertThatThrownBy(() -> new ClassifierRegistry(List.of(CodedLanguageDetector.withAllLists(),
                CodedLanguageDetector.withAllLists()))).hasMessageContaining("two classifiers");
    }
}
