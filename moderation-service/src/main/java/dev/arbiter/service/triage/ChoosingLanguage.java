package dev.arbiter.service.triage;

import dev.arbiter.classifiers.language.LanguageIdentifier.LanguageGuess;
import java.util.Optional;

/**
 * Which language a case is reviewed in. Detection on a few words (or leetspeak) is a guess, and the
 * platform's locale for the author is better evidence; a long text in another language wins over the locale.
 */
final class ChoosingLanguage {

  static final int MIN_WORDS = 8;
  static final double MIN_CONFIDENCE = 0.5;

  private ChoosingLanguage() {}

  static String choose(Optional<LanguageGuess> detected, Optional<String> localeLanguage, String text) {
    Optional<String> trusted = detected.filter(guess -> isStrong(guess, text)).map(LanguageGuess::isoCode);
    return trusted.or(() -> localeLanguage).or(() -> detected.map(LanguageGuess::isoCode)).orElse("und");
  }

  private static boolean isStrong(LanguageGuess guess, String text) {
    return guess.confidence() >= MIN_CONFIDENCE && words(text) >= MIN_WORDS;
  }

  private static int words(String text) {
    String trimmed = text == null ? "" : text.strip();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }
}
