package dev.arbiter.classifiers.coded;

import dev.arbiter.classifiers.Match.Evasion;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Undoes the usual disguises of a word: each raw token yields the forms it may stand for. */
final class WordForms {

    static final char MASK = '*';

    /** Characters that stand for letters in leetspeak; digits with two readings list both. */
    private static final Map<Character, String> LEET = Map.ofEntries(
            Map.entry('0', "o"), Map.entry('1', "il"), Map.entry('2', "z"), Map.entry('3', "e"),
            Map.entry('4', "a"), Map.entry('5', "s"), Map.entry('6', "gb"), Map.entry('7', "t"),
            Map.entry('8', "b"), Map.entry('9', "g"), Map.entry('@', "a"), Map.entry('$', "s"),
            Map.entry('!', "i"), Map.entry('|', "li"), Map.entry('+', "t"), Map.entry('€', "e"));

    /** Symbols kept inside a token because they may be leetspeak. */
    private static final String LEET_SYMBOLS = "@$!|+€";

    /** Symbols that hide a letter ("f*ck", "sh#t"). */
    private static final String MASKS = "*#•●";

    /** Letters of other scripts that look like Latin letters (after lower-casing). */
    private static final Map<Character, Character> CONFUSABLES = Map.ofEntries(
            Map.entry('а', 'a'), Map.entry('в', 'b'), Map.entry('е', 'e'), Map.entry('ё', 'e'), Map.entry('ѕ', 's'),
            Map.entry('і', 'i'), Map.entry('ї', 'i'), Map.entry('ј', 'j'), Map.entry('к', 'k'), Map.entry('м', 'm'),
            Map.entry('н', 'h'), Map.entry('о', 'o'), Map.entry('р', 'p'), Map.entry('с', 'c'), Map.entry('т', 't'),
            Map.entry('у', 'y'), Map.entry('х', 'x'), Map.entry('ԁ', 'd'), Map.entry('ԛ', 'q'), Map.entry('ԝ', 'w'),
            Map.entry('һ', 'h'), Map.entry('α', 'a'), Map.entry('β', 'b'), Map.entry('ε', 'e'), Map.entry('ι', 'i'),
            Map.entry('κ', 'k'), Map.entry('ν', 'v'), Map.entry('ο', 'o'), Map.entry('ρ', 'p'), Map.entry('τ', 't'),
            Map.entry('υ', 'u'), Map.entry('χ', 'x'), Map.entry('γ', 'y'), Map.entry('օ', 'o'), Map.entry('ս', 'u'),
            Map.entry('ı', 'i'), Map.entry('ɡ', 'g'), Map.entry('ℓ', 'l'), Map.entry('ƒ', 'f'), Map.entry('ʋ', 'u'));

    private static final int MAX_FORMS = 8;

    private WordForms() {
    }

    static boolean isTokenChar(char c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT || LEET_SYMBOLS.indexOf(c) >= 0 || MASKS.indexOf(c) >= 0
                || Character.isSurrogate(c);
    }

    static boolean isInvisible(char c) {
        return Character.getType(c) == Character.FORMAT;
    }

    /** Lower case with combining marks removed: the form terms are stored in. */
    static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return stripMarks(Normalizer.normalize(lower, Normalizer.Form.NFKD));
    }

    /** Lower case, char by char, so that offsets stay the same. */
    static String lowerSameLength(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** The word with every run of a repeated letter cut to one letter. */
    static String skeleton(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            if (i == 0 || word.charAt(i) != word.charAt(i - 1)) {
                out.append(word.charAt(i));
            }
        }
        return out.toString();
    }

    /** A reading of a raw token and the disguises undone to get it. */
    record Form(String text, Set<Evasion> evasions) {
    }

    static List<Form> forms(String raw) {
        EnumSet<Evasion> evasions = EnumSet.noneOf(Evasion.class);
        StringBuilder visible = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isInvisible(c)) {
                evasions.add(Evasion.ZERO_WIDTH);
            } else {
                visible.append(MASKS.indexOf(c) >= 0 ? MASK : c);
            }
        }
        String lower = visible.toString().toLowerCase(Locale.ROOT);
        String canonical = Normalizer.normalize(lower, Normalizer.Form.NFD);
        String compatible = Normalizer.normalize(lower, Normalizer.Form.NFKD);
        if (!canonical.equals(compatible)) {
            evasions.add(Evasion.CONFUSABLE);
        }
        String unmarked = stripMarks(compatible);
        if (!unmarked.equals(compatible)) {
            evasions.add(Evasion.DIACRITICS);
        }
        String latin = mapConfusables(unmarked);
        if (!latin.equals(unmarked)) {
            evasions.add(Evasion.CONFUSABLE);
        }
        Map<String, Set<Evasion>> forms = new LinkedHashMap<>();
        forms.put(latin, evasions);
        if (leetApplies(latin)) {
            for (String reading : leetReadings(latin)) {
                if (!reading.equals(latin)) {
                    EnumSet<Evasion> withLeet = EnumSet.copyOf(evasions);
                    withLeet.add(Evasion.LEETSPEAK);
                    forms.putIfAbsent(reading, withLeet);
                }
            }
        }
        List<Form> result = new ArrayList<>(forms.size());
        forms.forEach((text, undone) -> result.add(new Form(text, Set.copyOf(undone))));
        return result;
    }

    private static String stripMarks(String decomposed) {
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Maps look-alike letters only in tokens that mix them with Latin letters or consist of them entirely. */
    private static String mapConfusables(String word) {
        boolean hasLatin = false;
        boolean allMappable = true;
        boolean anyMappable = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                hasLatin = true;
            } else if (CONFUSABLES.containsKey(c)) {
                anyMappable = true;
            } else if (Character.isLetter(c)) {
                allMappable = false;
            }
        }
        if (!anyMappable || !(hasLatin || allMappable)) {
            return word;
        }
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            out.append(CONFUSABLES.getOrDefault(word.charAt(i), word.charAt(i)));
        }
        return out.toString();
    }

    /** Digits alone are numbers; they read as letters only beside letters or leet symbols. */
    private static boolean leetApplies(String word) {
        boolean letter = false;
        boolean leet = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            letter |= Character.isLetter(c);
            leet |= LEET_SYMBOLS.indexOf(c) >= 0 || LEET.containsKey(c);
        }
        return leet && (letter || word.chars().anyMatch(c -> LEET_SYMBOLS.indexOf(c) >= 0));
    }

    private static List<String> leetReadings(String word) {
        List<StringBuilder> readings = new ArrayList<>();
        readings.add(new StringBuilder());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            String options = LEET.get(c);
            if (options == null || options.length() == 1 || readings.size() * options.length() > MAX_FORMS) {
                char replacement = options == null ? c : options.charAt(0);
                readings.forEach(reading -> reading.append(replacement));
            } else {
                List<StringBuilder> next = new ArrayList<>();
                for (StringBuilder reading : readings) {
                    for (int k = 0; k < options.length(); k++) {
                        next.add(new StringBuilder(reading).append(options.charAt(k)));
                    }
                }
                readings = next;
            }
        }
        return readings.stream().map(StringBuilder::toString).toList();
    }

    /**
     * Whether a form reads as a term word, and the extra disguise undone to see it: repeated letters
     * ("fuuuck", a run of three or more standing for one or two) or masked letters ("f*ck").
     * Returns null when it does not match.
     */
    static Set<Evasion> matches(String form, String termWord) {
        if (form.equals(termWord)) {
            return Set.of();
        }
        if (form.indexOf(MASK) >= 0) {
            return maskedMatch(form, termWord) ? Set.of(Evasion.MASKED) : null;
        }
        return stretchedMatch(form, termWord) ? Set.of(Evasion.REPEATED) : null;
    }

    private static boolean maskedMatch(String form, String termWord) {
        if (form.length() != termWord.length() || form.charAt(0) == MASK) {
            return false;
        }
        int visible = 0;
        int masked = 0;
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c == MASK) {
                masked++;
            } else if (c == termWord.charAt(i)) {
                visible++;
            } else {
                return false;
            }
        }
        return visible >= 2 && masked <= visible;
    }

    private static boolean stretchedMatch(String form, String termWord) {
        int i = 0;
        int j = 0;
        while (i < form.length() && j < termWord.length()) {
            char c = form.charAt(i);
            if (c != termWord.charAt(j)) {
                return false;
            }
            int formRun = run(form, i);
            int termRun = run(termWord, j);
            if (formRun != termRun && (formRun < termRun || formRun < 3)) {
                return false;
            }
            i += formRun;
            j += termRun;
        }
        return i == form.length() && j == termWord.length();
    }

    private static int run(String word, int from) {
        int end = from;
        while (end < word.length() && word.charAt(end) == word.charAt(from)) {
            end++;
        }
        return end - from;
    }
}
