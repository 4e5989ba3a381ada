package dev.arbiter.service.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.classifiers.language.LanguageIdentifier.LanguageGuess;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChoosingLanguageTest {

  private static final String LONG_GERMAN = "Ich habe gestern im Park einen sehr netten Hund gesehen, der mit Kindern spielte";

  @Test
  void aShortOrLeetspeakTextKeepsTheSubmittedLocale() {
    assertThat(ChoosingLanguage.choose(Optional.of(new LanguageGuess("nb", 0.9)), Optional.of("en"), "u r a f4gg0t lol"))
        .isEqualTo("en");
  }

  @Test
  void aWeakGuessOnALongTextKeepsTheSubmittedLocale() {
    assertThat(ChoosingLanguage.choose(Optional.of(new LanguageGuess("de", 0.3)), Optional.of("en"), LONG_GERMAN)).isEqualTo("en");
  }

  @Test
  void aConfidentGuessOnALongTextWinsOverTheLocale() {
    assertThat(ChoosingLanguage.choose(Optional.of(new LanguageGuess("de", 0.8)), Optional.of("en"), LONG_GERMAN)).isEqualTo("de");
  }

  @Test
  void withoutALocaleAnyGuessIsBetterThanNone() {
    assertThat(ChoosingLanguage.choose(Optional.of(new LanguageGuess("nb", 0.2)), Optional.empty(), "hei")).isEqualTo("nb");
    assertThat(ChoosingLanguage.choose(Optional.empty(), Optional.empty(), "")).isEqualTo("und");
    assertThat(ChoosingLanguage.choose(Optional.empty(), Optional.of("fr"), "")).isEqualTo("fr");
  }
}
