package dev.arbiter.classifiers.spam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.classifiers.ArtifactHash;
import dev.arbiter.classifiers.DjlOffline;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.Signals;
import dev.arbiter.classifiers.extraction.ExtractionLimits;
import dev.arbiter.classifiers.extraction.TikaContentExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamModelTest {

    private static final String SPAM_MAIL = """
            From: "Claims Dept" <winner@lucky-prizes.biz>
            To: friend@example.com
            Subject: URGENT!!! You have WON $1,000,000 - CLAIM NOW
            Content-Type: text/html; charset=us-ascii

            <html><body><p>CONGRATULATIONS!!! You have been selected to receive a <b>FREE</b> cash prize of
            $1,000,000. Click here http://www.lucky-prizes.biz/claim to claim your money now. This is a limited
            time offer, act now! To be removed from our mailing list reply with REMOVE.</p></body></html>
            """;

    private static final String HAM_MAIL = """
            From: Anna Meyer <anna@lists.example.org>
            To: dev-team@lists.example.org
            Subject: Re: patch for the kernel build script

            Thanks, I applied your patch to the build script and the kernel compiles again on my machine.
            One question though: should we keep the old config option, or remove it in the next release?
            I'd rather keep it for one more version and document the change in the changelog.

            Anna
            """;

    @Test
    void heldOutScoresMeetTheTarget() {
        SpamExperiment.Outcome outcome = SpamModelFixture.trainedModel();
        SpamEvaluation heldOut = outcome.heldOut();
        assertThat(heldOut.f1()).isGreaterThanOrEqualTo(0.97);
        assertThat(heldOut.rocAuc()).isGreaterThanOrEqualTo(0.99);
        assertThat(heldOut.messages()).isEqualTo(outcome.heldOutCount());
        assertThat(heldOut.calibration()).hasSize(10);
        assertThat(heldOut.calibration().stream().mapToInt(SpamEvaluation.CalibrationBin::count).sum())
                .isEqualTo(heldOut.messages());
        assertThat(outcome.training().spec().dataHash()).isEqualTo(SpamModelFixture.corpus().dataHash());
        assertThat(DjlOffline.active()).isTrue();
    }

    @Test
    void splitIsStratifiedAndHeldOutIsNeverTrainedOn() {
        PreparedCorpus corpus = SpamModelFixture.corpus();
        assertThat(corpus.emails()).hasSizeGreaterThan(6000);
        assertThat(corpus.extractionFailures()).isEmpty();
        PreparedCorpus.Split split = corpus.split(0.2, 2002);
        Set<String> train = new HashSet<>();
        split.train().forEach(email -> train.add(email.group() + "/" + email.id()));
        assertThat(split.heldOut()).noneMatch(email -> train.contains(email.group() + "/" + email.id()));
        double spamShareTrain = split.train().stream().filter(PreparedCorpus.LabelledEmail::spam).count()
                / (double) split.train().size();
        double spamShareHeldOut = split.heldOut().stream().filter(PreparedCorpus.LabelledEmail::spam).count()
                / (double) split.heldOut().size();
        assertThat(spamShareHeldOut).isCloseTo(spamShareTrain, org.assertj.core.data.Offset.offset(0.005));
        assertThat(corpus.split(0.2, 2002)).isEqualTo(split);
    }

    @Test
    void servedModelSeparatesFreshMailExtractedByTika() throws IOException {
        SpamModelFixture.trainedModel();
        try (SpamClassifier classifier = SpamClassifier.load("spam", SpamModelFixture.MODEL_DIR, null);
                TikaContentExtractor extractor = new TikaContentExtractor(ExtractionLimits.DEFAULTS,
                        Optional.empty())) {
            ExtractedContent spam = extractor.extract(SPAM_MAIL.getBytes(StandardCharsets.US_ASCII), "a.eml")
                    .content().orElseThrow();
            ExtractedContent ham = extractor.extract(HAM_MAIL.getBytes(StandardCharsets.US_ASCII), "b.eml")
                    .content().orElseThrow();
            Signals spamSignals = classifier.classify(spam);
            Signals hamSignals = classifier.classify(ham);
            assertThat(spamSignals.score(SpamClassifier.SPAM)).isGreaterThan(0.9);
            assertThat(spamSignals.flagged(SpamClassifier.SPAM)).isTrue();
            assertThat(hamSignals.score(SpamClassifier.SPAM)).isLessThan(0.1);
            assertThat(hamSignals.flags()).isEmpty();
            assertThat(spamSignals.models()).singleElement().satisfies(model -> {
                assertThat(model.id()).isEqualTo("spam-assassin-mlp");
                assertThat(model.version()).isEqualTo(ArtifactHash.of(SpamModelFixture.MODEL_DIR));
            });
        }
    }

    @Test
    void abstainsOnTextsTooShortForAModelTrainedOnMail() throws IOException {
        SpamModelFixture.trainedModel();
        try (SpamClassifier classifier = SpamClassifier.load("spam", SpamModelFixture.MODEL_DIR, null)) {
            String shortPost = "Happy birthday mom, see you at dinner tonight";
            assertThat(classifier.spamProbability(ExtractedContent.ofText(shortPost)))
                    .as("the raw model is confidently wrong on short posts").isGreaterThan(0.5);

            Signals signals = classifier.classify(ExtractedContent.ofText(shortPost));

            assertThat(signals.scores()).doesNotContainKey(SpamClassifier.SPAM);
            assertThat(signals.flags()).containsExactly(SpamClassifier.ABSTAINED);
            assertThat(signals.explanations()).singleElement().asString().contains("8 words, needs 20");
            assertThat(signals.models()).hasSize(1);
        }
    }

    @Test
    void servingIsThreadSafe() throws Exception {
        SpamModelFixture.trainedModel();
        List<PreparedCorpus.LabelledEmail> sample = SpamModelFixture.corpus().emails().subList(0, 200);
        try (SpamClassifier classifier = SpamClassifier.load("spam", SpamModelFixture.MODEL_DIR, null)) {
            List<Double> sequential = sample.stream().map(e -> classifier.spamProbability(e.content())).toList();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Double>> parallel = sample.stream()
                        .map(e -> pool.submit(() -> classifier.spamProbability(e.content()))).toList();
                for (int i = 0; i < sample.size(); i++) {
                    assertThat(parallel.get(i).get()).isCloseTo(sequential.get(i),
                            org.assertj.core.data.Offset.offset(1e-6));
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void trainingIsReproducibleFromTheSeed(@TempDir Path dir) throws IOException {
        List<PreparedCorpus.LabelledEmail> small = SpamModelFixture.corpus().split(0.9, 7).train();
        SpamModelSpec tiny = new SpamModelSpec(SpamFeatures.VERSION, 1 << 10, 2_000, 8, 0.2f, 2, 16, 1e-2f, 7L, 0.9,
                0.5, "test", "", 0);
        String first = ArtifactHash.of(SpamTrainer.train(small, tiny, "data", dir.resolve("a")).modelDir());
        String second = ArtifactHash.of(SpamTrainer.train(small, tiny, "data", dir.resolve("b")).modelDir());
        String retrainedInPlace = ArtifactHash.of(SpamTrainer.train(small, tiny, "data", dir.resolve("a")).modelDir());
        String otherSeed = ArtifactHash.of(SpamTrainer.train(small, tiny.withSeed(8), "data", dir.resolve("c"))
                .modelDir());
        assertThat(second).isEqualTo(first);
        assertThat(retrainedInPlace).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(SpamModelSpec.read(dir.resolve("a")).trainedOn()).isEqualTo(small.size());
    }
}
