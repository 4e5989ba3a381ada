package dev.arbiter.classifiers.coded;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.classifiers.ArtifactHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The multilingual term lists of the npm package {@code naughty-words} (CC-BY-4.0, see NOTICE beside the lists),
 * indexed for the detector.
 */
public final class TermLists {

    /** Every list the package ships, by its file name (a BCP 47 tag). */
    public static final List<String> ALL_LANGUAGES = List.of("ar", "cs", "da", "de", "en", "eo", "es", "fa", "fi",
            "fil", "fr", "fr-CA-u-sd-caqc", "hi", "hu", "it", "ja", "kab", "ko", "nl", "no", "pl", "pt", "ru", "sv",
            "th", "tlh", "tr", "zh");

    private static final String RESOURCES = "/dev/arbiter/classifiers/coded/";

    private final Map<String, List<Term>> byFirstSkeleton = new HashMap<>();
    private final Map<Integer, List<Term>> singleWordsByLength = new HashMap<>();
    private final List<Term> substringTerms = new ArrayList<>();
    private final Set<String> innocentElsewhere;
    private final String version;
    private final int size;

    private TermLists(Map<String, List<String>> lists, Set<String> innocentElsewhere, String version) {
        this.innocentElsewhere = Set.copyOf(innocentElsewhere);
        this.version = version;
        int count = 0;
        for (Map.Entry<String, List<String>> list : lists.entrySet()) {
            for (String text : list.getValue()) {
                Term term = Term.of(text, list.getKey());
                if (term == null) {
                    continue;
                }
                count++;
                if (term.substring()) {
                    substringTerms.add(term);
                } else {
                    byFirstSkeleton.computeIfAbsent(WordForms.skeleton(term.words().get(0)), k -> new ArrayList<>())
                            .add(term);
                    if (term.words().size() == 1) {
                        singleWordsByLength.computeIfAbsent(term.words().get(0).length(), k -> new ArrayList<>())
                                .add(term);
                    }
                }
            }
        }
        this.size = count;
    }

    /** Loads the lists of the given languages (see {@link #ALL_LANGUAGES}). */
    public static TermLists load(Set<String> languages) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ObjectMapper json = new ObjectMapper();
        for (String language : new TreeSet<>(languages)) {
            if (!ALL_LANGUAGES.contains(language)) {
                throw new IllegalArgumentException("no term list for language '" + language + "'; known: "
                        + ALL_LANGUAGES);
            }
            byte[] bytes = resource("naughty-words/" + language + ".json");
            all.writeBytes(language.getBytes(StandardCharsets.UTF_8));
            all.writeBytes(bytes);
            try {
                lists.put(language, Arrays.asList(json.readValue(bytes, String[].class)));
            } catch (IOException e) {
                throw new UncheckedIOException("term list " + language + " is not a JSON array of strings", e);
            }
        }
        byte[] innocent = resource("innocent-elsewhere.txt");
        all.writeBytes(innocent);
        Set<String> innocentWords = new HashSet<>();
        for (String line : new String(innocent, StandardCharsets.UTF_8).split("\n")) {
            String word = line.strip();
            if (!word.isEmpty() && !word.startsWith("#")) {
                innocentWords.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return new TermLists(lists, innocentWords, ArtifactHash.of(all.toByteArray()));
    }

    public static TermLists loadAll() {
        return load(Set.copyOf(ALL_LANGUAGES));
    }

    private static byte[] resource(String name) {
        try (InputStream in = TermLists.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Term> startingWith(String skeleton) {
        return byFirstSkeleton.getOrDefault(skeleton, List.of());
    }

    List<Term> singleWordsOfLength(int length) {
        return singleWordsByLength.getOrDefault(length, List.of());
    }

    List<Term> substringTerms() {
        return substringTerms;
    }

    /** True when the term is an ordinary word outside its own language, so it counts only in that language. */
    boolean innocentElsewhere(Term term) {
        return innocentElsewhere.contains(term.text().toLowerCase(Locale.ROOT));
    }

    /** Content hash of the lists and exceptions in use. */
    public String version() {
        return version;
    }

    public int size() {
        return size;
    }

    /**
     * One listed term.
     *
     * @param text as listed
     * @param language the list that holds it
     * @param words its words, normalised the way text tokens are (lower case, marks removed)
     * @param substring true for terms in scripts written without spaces, or with symbols, matched anywhere
     */
    record Term(String text, String language, List<String> words, boolean substring) {

        static Term of(String text, String language) {
            String trimmed = text.strip();
            if (trimmed.isEmpty()) {
                return null;
            }
            boolean substring = trimmed.codePoints().anyMatch(TermLists::writtenWithoutSpaces)
                    || trimmed.codePoints().anyMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c)
                            && Character.getType(c) != Character.NON_SPACING_MARK && c != '\'' && c != '-');
            if (substring) {
                return new Term(trimmed, language, List.of(WordForms.lowerSameLength(trimmed)), true);
            }
            List<String> words = Arrays.stream(trimmed.split("[\\s\\-']+"))
                    .map(WordForms::fold)
                    .filter(word -> !word.isEmpty())
                    .toList();
            return words.isEmpty() ? null : new Term(trimmed, language, words, false);
        }
    }

    private static boolean writtenWithoutSpaces(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }
}
