package dev.arbiter.classifiers.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {

    private static final LanguageIdentifier IDENTIFIER = LanguageIdentifier.withDefaults();

    private static String language(String text) {
        return IDENTIFIER.identify(text).map(LanguageIdentifier.LanguageGuess::isoCode).orElse("none");
    }

    @Test
    void identifiesCommonLanguages() {
        assertThat(language("The weather is lovely today and we are going to the beach.")).isEqualTo("en");
        assertThat(language("Das Wetter ist heute schön und wir gehen an den Strand.")).isEqualTo("de");
        assertThat(language("Il fait beau aujourd'hui et nous allons à la plage.")).isEqualTo("fr");
        assertThat(language("Hoy hace buen tiempo y vamos a la playa con los niños.")).isEqualTo("es");
        assertThat(language("Сегодня прекрасная погода, и мы идём на пляж.")).isEqualTo("ru");
        assertThat(language("今日はとても良い天気なので、海に行きます。")).isEqualTo("ja");
        assertThat(language("Bugün hava çok güzel ve sahile gidiyoruz.")).isEqualTo("tr");
    }

    @Test
    void saysNothingWhenThereIsNothingToSay() {
        assertThat(IDENTIFIER.identify("   ")).isEmpty();
        assertThat(IDENTIFIER.identify("12345 !!! ???")).isEmpty();
    }

    @Test
    void rejectsUnknownOrTooFewLanguages() {
        assertThatThrownBy(() -> new LanguageIdentifier(Set.of("en"), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LanguageIdentifier(Set.of("en", "xx"), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LanguageIdentifier.supportedLanguages()).contains("en", "de", "ja").hasSizeGreaterThan(70);
    }
}
