package dev.arbiter.classifiers;

import dev.arbiter.classifiers.coded.CodedLanguageDetector;
import dev.arbiter.classifiers.coded.TermLists;
import dev.arbiter.classifiers.imagehash.HashBank;
import dev.arbiter.classifiers.imagehash.ImageHashClassifier;
import dev.arbiter.classifiers.spam.SpamClassifier;
import dev.arbiter.classifiers.textmodel.TextModelClassifier;
import dev.arbiter.classifiers.textmodel.TextModelConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The configured classifiers, loaded once and run together. Configuration is a properties file:
 * {@code classifiers=id1,id2} and, per id, {@code classifier.<id>.type} plus the settings of that type
 * (see the module README). Relative paths resolve against the configuration file's directory.
 */
public final class ClassifierRegistry implements AutoCloseable {

    /** Flag raised for an item on which some classifier failed; the item itself is kept. */
    public static final String CLASSIFIER_FAILED = "classifier-failed";

    private final List<Classifier> classifiers;

    public ClassifierRegistry(List<Classifier> classifiers) {
        Set<String> ids = new HashSet<>();
        for (Classifier classifier : classifiers) {
            if (!ids.add(classifier.id())) {
                throw new IllegalArgumentException("two classifiers are named " + classifier.id());
            }
        }
        this.classifiers = List.copyOf(classifiers);
    }

    public static ClassifierRegistry load(Path configFile) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Path base = configFile.toAbsolutePath().getParent();
        return load(properties, base);
    }

    public static ClassifierRegistry load(Properties properties, Path baseDir) throws IOException {
        List<Classifier> loaded = new ArrayList<>();
        try {
            for (String id : list(properties.getProperty("classifiers", ""))) {
                loaded.add(create(id, new Settings(id, properties, baseDir)));
            }
        } catch (IOException | RuntimeException e) {
            loaded.forEach(Classifier::close);
            throw e;
        }
        return new ClassifierRegistry(loaded);
    }

    private static Classifier create(String id, Settings settings) throws IOException {
        String type = settings.required("type");
        return switch (type) {
            case "spam-model" -> SpamClassifier.load(id, settings.path("model-dir"),
                    settings.optional("threshold").map(Double::valueOf).orElse(null));
            case "coded-language" -> new CodedLanguageDetector(id, settings.optional("languages")
                    .map(languages -> TermLists.load(Set.copyOf(list(languages))))
                    .orElseGet(TermLists::loadAll));
            case "pdq-hash-bank" -> {
                List<HashBank> banks = new ArrayList<>();
                for (Map.Entry<String, String> bank : pairs(settings.required("banks")).entrySet()) {
                    banks.add(HashBank.load(bank.getKey(), settings.resolve(bank.getValue())));
                }
                yield new ImageHashClassifier(id, banks, settings.optional("max-distance").map(Integer::valueOf)
                        .orElse(ImageHashClassifier.DEFAULT_MAX_DISTANCE));
            }
            case "text-model" -> TextModelClassifier.load(new TextModelConfig(id, settings.path("model-dir"),
                    settings.optional("model-name").orElse("model"), settings.optional("engine").orElse("PyTorch"),
                    list(settings.required("labels")),
                    thresholds(settings.optional("thresholds").orElse("")),
                    TextModelConfig.Activation.valueOf(settings.optional("activation").orElse("softmax")
                            .toUpperCase(Locale.ROOT)),
                    settings.optional("max-tokens").map(Integer::valueOf).orElse(256)));
            default -> throw new IllegalArgumentException("classifier " + id + ": unknown type '" + type
                    + "' (known: spam-model, coded-language, pdq-hash-bank, text-model)");
        };
    }

    public List<Classifier> classifiers() {
        return classifiers;
    }

    public Optional<Classifier> get(String id) {
        return classifiers.stream().filter(classifier -> classifier.id().equals(id)).findFirst();
    }

    /** The exact models behind the classifiers, for the decision record. */
    public List<ModelVersion> models() {
        return classifiers.stream().map(Classifier::model).toList();
    }

    /**
     * Runs every classifier and merges their signals. A classifier that fails does not lose the item: its failure
     * becomes a flag and an explanation, and the others still run.
     */
    public Signals classify(ExtractedContent content) {
        Signals merged = Signals.NONE;
        for (Classifier classifier : classifiers) {
            try {
                merged = merged.merge(classifier.classify(content));
            } catch (RuntimeException e) {
                merged = merged.merge(new Signals(Map.of(), List.of(),
                        Set.of(CLASSIFIER_FAILED, CLASSIFIER_FAILED + ":" + classifier.id()),
                        List.of("classifier " + classifier.id() + " failed: " + e.getMessage()),
                        List.of(classifier.model())));
            }
        }
        return merged;
    }

    @Override
    public void close() {
        classifiers.forEach(Classifier::close);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** {@code name=value,name=value} (banks) or {@code name:value,...} (thresholds). */
    private static Map<String, String> pairs(String value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : list(value)) {
            int separator = item.indexOf('=') >= 0 ? item.indexOf('=') : item.indexOf(':');
            if (separator <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + item + "'");
            }
            pairs.put(item.substring(0, separator).strip(), item.substring(separator + 1).strip());
        }
        return pairs;
    }

    private static Map<String, Double> thresholds(String value) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        pairs(value).forEach((label, threshold) -> thresholds.put(label, Double.valueOf(threshold)));
        return thresholds;
    }

    /** The settings of one classifier: {@code classifier.<id>.<name>}. */
    private record Settings(String id, Properties properties, Path baseDir) {

        Optional<String> optional(String name) {
            return Optional.ofNullable(properties.getProperty("classifier." + id + "." + name)).map(String::strip)
                    .filter(value -> !value.isEmpty());
        }

        String required(String name) {
            return optional(name).orElseThrow(() -> new IllegalArgumentException(
                    "classifier " + id + ": classifier." + id + "." + name + " is required"));
        }

        Path path(String name) {
            return resolve(required(name));
        }

        Path resolve(String value) {
            Path path = Path.of(value);
            return path.isAbsolute() ? path : baseDir.resolve(path).normalize();
        }
    }
}
