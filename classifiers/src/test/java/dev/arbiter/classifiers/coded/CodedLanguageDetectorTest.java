package dev.arbiter.classifiers.coded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.Match.Evasion;
import dev.arbiter.classifiers.Match.TermMatch;
import dev.arbiter.classifiers.Signals;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodedLanguageDetectorTest {

    private static final CodedLanguageDetector DETECTOR = CodedLanguageDetector.withAllLists();

    private static List<TermMatch> english(String text) {
        return DETECTOR.find(text, Optional.of("en"));
    }

    private static TermMatch only(String text) {
        List<TermMatch> matches = english(text);
        assertThat(matches).as("matches in %s", text).hasSize(1);
        TermMatch match = matches.get(0);
        assertThat(text.substring(match.start(), match.end())).isEqualTo(match.matchedText());
        return match;
    }

    @Test
    void plainWordIsMatchedButNotCoded() {
        TermMatch match = only("You are an Asshole, really.");
        assertThat(match.term()).isEqualTo("asshole");
        assertThat(match.termList()).isEqualTo("en");
        assertThat(match.start()).isEqualTo(11);
        assertThat(match.end()).isEqualTo(18);
        assertThat(match.coded()).isFalse();
    }

    @Test
    void leetspeakIsUndone() {
        TermMatch match = only("what a $h1t day");
        assertThat(match.term()).isEqualTo("shit");
        assertThat(match.matchedText()).isEqualTo("$h1t");
        assertThat(match.evasions()).contains(Evasion.LEETSPEAK);
        assertThat(only("you @$$").term()).isEqualTo("ass");
        assertThat(only("such an a55hole").term()).isEqualTo("asshole");
    }

    @Test
    void lookAlikeLettersFromOtherScriptsAreUndone() {
        String text = "go fu\u0441k yourself";
        TermMatch match = only(text);
        assertThat(match.term()).isEqualTo("fuck");
        assertThat(match.matchedText()).isEqualTo("fu\u0441k");
        assertThat(match.evasions()).contains(Evasion.CONFUSABLE);
        assertThat(only("ｆｕｃｋ this").evasions()).contains(Evasion.CONFUSABLE);
    }

    @Test
    void invisibleCharactersAreUndoneAndStayInsideTheSpan() {
        String text = "total sh\u200Bi\u200Dt show";
        TermMatch match = only(text);
        assertThat(match.term()).isEqualTo("shit");
        assertThat(match.start()).isEqualTo(6);
        assertThat(match.end()).isEqualTo(12);
        assertThat(match.evasions()).contains(Evasion.ZERO_WIDTH);
    }

    @Test
    void spacedAndSeparatedLettersAreJoined() {
        TermMatch spaced = only("well f u c k that");
        assertThat(spaced.term()).isEqualTo("fuck");
        assertThat(spaced.matchedText()).isEqualTo("f u c k");
        assertThat(spaced.evasions()).contains(Evasion.SEPARATED);
        assertThat(only("b.i.t.c.h please").matchedText()).isEqualTo("b.i.t.c.h");
        assertThat(only("a f-u-c-k-i-n-g joke").term()).isEqualTo("fucking");
    }

    @Test
    void repeatedLettersAreCollapsed() {
        TermMatch match = only("fuuuuuck off");
        assertThat(match.term()).isEqualTo("fuck");
        assertThat(match.evasions()).containsExactly(Evasion.REPEATED);
        assertThat(only("shiiiit").term()).isEqualTo("shit");
    }

    @Test
    void maskedLettersAreFilledFromTheList() {
        TermMatch match = only("what the f*ck is this");
        assertThat(match.term()).isEqualTo("fuck");
        assertThat(match.matchedText()).isEqualTo("f*ck");
        assertThat(match.evasions()).containsExactly(Evasion.MASKED);
        assertThat(only("sh#t happens").term()).isEqualTo("shit");
        assertThat(english("*** and **** and a*")).isEmpty();
    }

    @Test
    void diacriticsAreStripped() {
        TermMatch match = only("fúck");
        assertThat(match.term()).isEqualTo("fuck");
        assertThat(match.evasions()).contains(Evasion.DIACRITICS);
    }

    @Test
    void multiWordTermsMatchAcrossSpaces() {
        TermMatch match = only("he asked for a blow  job");
        assertThat(match.term()).isEqualTo("blow job");
        assertThat(match.matchedText()).isEqualTo("blow  job");
        assertThat(match.coded()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Scunthorpe United won at Penistone on Saturday.",
        "The assassin read a classic about Sussex and Middlesex.",
        "Add cumin and a cocktail of grapes; the therapist agreed.",
        "A Dickensian analysis of the arsenal, shitake mushrooms and a hancock.",
        "Documentation: I am a fan of the pot; SM and XL are sizes; 1000 apples cost $5!",
        "Pros and con, bite the bullet, mama said.",
        "Please press the # key, then *, then 0."
    })
    void innocentWordsThatContainTermsDoNotMatch(String text) {
        assertThat(DETECTOR.find(text, Optional.of("en"))).isEmpty();
        assertThat(DETECTOR.find(text, Optional.empty())).isEmpty();
    }

    @Test
    void otherLanguagesUseTheirOwnLists() {
        List<TermMatch> german = DETECTOR.find("Du bist ein Arschloch", Optional.of("de"));
        assertThat(german).extracting(TermMatch::term).containsExactly("arschloch");
        assertThat(german.get(0).termList()).isEqualTo("de");
        assertThat(DETECTOR.find("quel con", Optional.of("fr"))).extracting(TermMatch::term).containsExactly("con");
        assertThat(DETECTOR.find("quel con", Optional.of("en"))).isEmpty();
        assertThat(DETECTOR.find("Du bist ein 4rschl0ch", Optional.of("de")).get(0).coded()).isTrue();
    }

    @Test
    void termsOfScriptsWithoutSpacesMatchInsideText() {
        List<TermMatch> matches = DETECTOR.find("これはsm女王です", Optional.of("ja"));
        assertThat(matches).extracting(TermMatch::term).contains("sm女王");
        assertThat(matches.get(0).start()).isEqualTo(3);
    }

    @Test
    void signalsFlagCodedOnlyWhenADisguiseWasUndone() {
        Signals plain = DETECTOR.classify(ExtractedContent.ofText("this is shit").withLanguage("en"));
        assertThat(plain.flagged(CodedLanguageDetector.PROFANITY)).isTrue();
        assertThat(plain.flagged(CodedLanguageDetector.CODED_FLAG)).isFalse();
        assertThat(plain.score(CodedLanguageDetector.CODED_LANGUAGE)).isZero();

        Signals coded = DETECTOR.classify(ExtractedContent.ofText("this is sh1t and f u c k").withLanguage("en"));
        assertThat(coded.flagged(CodedLanguageDetector.CODED_FLAG)).isTrue();
        assertThat(coded.score(CodedLanguageDetector.CODED_LANGUAGE)).isGreaterThan(0.9);
        assertThat(coded.matches()).hasSize(2);
        assertThat(coded.explanations()).anySatisfy(line -> assertThat(line).contains("\"sh1t\"", "LEETSPEAK"));
        assertThat(coded.models()).singleElement().satisfies(model -> {
            assertThat(model.id()).startsWith("naughty-words-1.2.0");
            assertThat(model.version()).startsWith("sha256:").hasSize(71);
        });

        Signals clean = DETECTOR.classify(ExtractedContent.ofText("have a lovely day"));
        assertThat(clean.flags()).isEmpty();
        assertThat(clean.score(CodedLanguageDetector.PROFANITY)).isZero();
    }
}
