package dev.arbiter.classifiers.cli;

import dev.arbiter.classifiers.DjlOffline;
import dev.arbiter.classifiers.benchmark.ClassifiersBenchmark;
import dev.arbiter.classifiers.spam.PreparedCorpus;
import dev.arbiter.classifiers.spam.SpamEvaluation;
import dev.arbiter.classifiers.spam.SpamExperiment;
import dev.arbiter.classifiers.spam.SpamModelSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line entry: {@code train-and-evaluate} (the spam model and its report) and {@code benchmark}.
 * Options are {@code --name value} pairs; paths are relative to the working directory.
 */
public final class ClassifiersCli {

    private ClassifiersCli() {
    }

    public static void main(String[] args) throws Exception {
        DjlOffline.enforce();
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "train-and-evaluate" -> trainAndEvaluate(options);
            case "benchmark" -> ClassifiersBenchmark.run(Path.of(options.getOrDefault("data", ".local/spam-assassin")),
                    Path.of(options.getOrDefault("model", "target/spam-model")),
                    Integer.parseInt(options.getOrDefault("seconds", "5")));
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void trainAndEvaluate(Map<String, String> options) throws Exception {
        Path data = Path.of(options.getOrDefault("data", ".local/spam-assassin"));
        Path model = Path.of(options.getOrDefault("model", "target/spam-model"));
        Path report = Path.of(options.getOrDefault("report", "reports"));
        SpamModelSpec spec = SpamModelSpec.defaults()
                .withSeed(Long.parseLong(options.getOrDefault("seed", Long.toString(SpamModelSpec.defaults().seed()))))
                .withEpochs(Integer.parseInt(options.getOrDefault("epochs", "0")));
        long started = System.nanoTime();
        System.out.println("fetching and extracting the corpus into " + data.toAbsolutePath());
        PreparedCorpus corpus = SpamExperiment.prepare(data);
        System.out.printf(Locale.ROOT, "%d messages extracted (failures %s), data %s%n", corpus.emails().size(),
                corpus.extractionFailures(), corpus.dataHash());
        SpamExperiment.Outcome outcome = SpamExperiment.run(corpus, spec,
                new SpamExperiment.Paths(data, model, report), false);
        SpamEvaluation e = outcome.heldOut();
        System.out.printf(Locale.ROOT, "model %s (%s)%n", outcome.modelVersion(),
                outcome.reusedModel() ? "reused" : "trained in " + outcome.training().millis() + " ms");
        System.out.printf(Locale.ROOT,
                "held out %d: precision %.4f recall %.4f F1 %.4f accuracy %.4f ROC-AUC %.4f%n",
                e.messages(), e.precision(), e.recall(), e.f1(), e.accuracy(), e.rocAuc());
        System.out.printf(Locale.ROOT, "report: %s (%.0f s in total)%n", report.toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void usage() {
        System.err.println("""
                usage: ClassifiersCli train-and-evaluate [--data DIR] [--model DIR] [--report DIR]
                                                         [--seed N] [--epochs N]
                       ClassifiersCli benchmark [--data DIR] [--model DIR] [--seconds N]""");
    }
}
