package dev.arbiter.classifiers.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Identifies the language of a text with Lingua, restricted to a language set and in low-accuracy mode so that
 * its models stay small in memory (see the module README for the measured heap).
 */
public final class LanguageIdentifier {

    /** Languages of the term lists and of most traffic; adding languages costs memory and some accuracy. */
    public static final Set<String> DEFAULT_LANGUAGES = Set.of("en", "de", "fr", "es", "it", "pt", "nl", "sv", "da",
            "nb", "fi", "pl", "cs", "hu", "tr", "ru", "ar", "fa", "hi", "ja", "ko", "zh", "th", "eo", "tl");

    /** Lingua looks only at this much text; longer texts add time, not accuracy. */
    private static final int MAX_CHARS = 2_000;

    private final LanguageDetector detector;
    private final double minimumConfidence;

    public LanguageIdentifier(Set<String> isoCodes, double minimumConfidence) {
        Language[] languages = isoCodes.stream()
                .map(code -> Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.toUpperCase())))
                .toArray(Language[]::new);
        if (languages.length < 2) {
            throw new IllegalArgumentException("Lingua needs at least two languages to choose from");
        }
        this.detector = LanguageDetectorBuilder.fromLanguages(languages)
                .withLowAccuracyMode()
                .withPreloadedLanguageModels()
                .build();
        this.minimumConfidence = minimumConfidence;
    }

    public static LanguageIdentifier withDefaults() {
        return new LanguageIdentifier(DEFAULT_LANGUAGES, 0.5);
    }

    /** The most likely language, or empty when the text is too short or too mixed to say. */
    public Optional<LanguageGuess> identify(String text) {
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        if (sample.isBlank()) {
            return Optional.empty();
        }
        SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(sample);
        if (confidences.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<Language, Double> best = confidences.entrySet().iterator().next();
        if (best.getKey() == Language.UNKNOWN || best.getValue() < minimumConfidence) {
            return Optional.empty();
        }
        return Optional.of(new LanguageGuess(best.getKey().getIsoCode639_1().toString(), best.getValue()));
    }

    /** Every ISO 639-1 code Lingua knows, for configuration checks. */
    public static Set<String> supportedLanguages() {
        return Arrays.stream(Language.values()).filter(language -> language != Language.UNKNOWN)
                .map(language -> language.getIsoCode639_1().toString())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** A language and Lingua's confidence in it, relative to the other candidate languages. */
    public record LanguageGuess(String isoCode, double confidence) {
    }
}
