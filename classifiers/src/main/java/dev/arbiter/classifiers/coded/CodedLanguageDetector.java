package dev.arbiter.classifiers.coded;

import dev.arbiter.classifiers.Classifier;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.Match.Evasion;
import dev.arbiter.classifiers.Match.TermMatch;
import dev.arbiter.classifiers.ModelVersion;
import dev.arbiter.classifiers.Signals;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds listed profanity in text, including words disguised by leetspeak, look-alike letters, invisible characters,
 * separators ("f u c k"), repeated letters and masks ("f*ck"). Words are matched whole, so innocent words that merely
 * contain a term ("Scunthorpe", "assassin") never match. A match that needed a disguise undone is "coded".
 * Spans are offsets into the original text, for highlighting.
 */
public final class CodedLanguageDetector implements Classifier {

    public static final String PROFANITY = "profanity";
    public static final String CODED_LANGUAGE = "coded-language";
    public static final String CODED_FLAG = "coded";

    private static final String SEPARATORS = " \t.-_/\\,~·:;'\"";
    private static final int MAX_SEPARATOR_GAP = 3;
    private static final int MAX_SPACED_RUN = 24;
    private static final int MIN_PLURAL_STEM = 4;
    /** Short terms of other languages ("am", "fan", "pot") are ordinary English words: they need their language. */
    private static final int MAX_SHORT_TERM = 3;

    private final String id;
    private final TermLists lists;
    private final ModelVersion model;

    public CodedLanguageDetector(String id, TermLists lists) {
        this.id = id;
        this.lists = lists;
        this.model = new ModelVersion("naughty-words-1.2.0+coded-normaliser-1", lists.version());
    }

    public static CodedLanguageDetector withAllLists() {
        return new CodedLanguageDetector("coded-language", TermLists.loadAll());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ModelVersion model() {
        return model;
    }

    @Override
    public Signals classify(ExtractedContent content) {
        List<TermMatch> matches = find(content.text(), content.language());
        if (matches.isEmpty()) {
            return new Signals(Map.of(PROFANITY, 0.0, CODED_LANGUAGE, 0.0), List.of(), Set.of(), List.of(),
                    List.of(model));
        }
        long coded = matches.stream().filter(TermMatch::coded).count();
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put(PROFANITY, 1.0 - Math.pow(0.3, matches.size()));
        scores.put(CODED_LANGUAGE, coded == 0 ? 0.0 : 1.0 - Math.pow(0.3, coded));
        Set<String> flags = new LinkedHashSet<>();
        flags.add(PROFANITY);
        if (coded > 0) {
            flags.add(CODED_FLAG);
        }
        List<String> explanations = matches.stream().map(CodedLanguageDetector::explain).toList();
        return new Signals(scores, List.copyOf(matches), flags, explanations, List.of(model));
    }

    private static String explain(TermMatch match) {
        String where = "\"" + match.matchedText() + "\" at " + match.start() + ".." + match.end();
        return match.coded()
                ? where + " reads as listed term \"" + match.term() + "\" (" + match.termList() + ") once "
                        + match.evasions() + " is undone"
                : where + " is listed term \"" + match.term() + "\" (" + match.termList() + ")";
    }

    /**
     * Every listed term in the text. With a known language only the English lists and that language's lists
     * apply (a word can be rude in one language and ordinary in another); with none, all lists apply.
     */
    public List<TermMatch> find(String text, Optional<String> language) {
        List<Token> tokens = tokenize(text);
        List<TermMatch> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            for (View view : tokens.get(i).views()) {
                matchAt(text, tokens, i, view, language, found);
            }
        }
        matchSpaced(text, tokens, language, found);
        matchSubstrings(text, language, found);
        return withoutOverlaps(found);
    }

    private void matchAt(String text, List<Token> tokens, int index, View view, Optional<String> language,
            List<TermMatch> found) {
        for (WordForms.Form form : WordForms.forms(view.raw())) {
            for (TermLists.Term term : candidates(form.text())) {
                Set<Evasion> first = WordForms.matches(form.text(), term.words().get(0));
                if (first == null) {
                    continue;
                }
                EnumSet<Evasion> evasions = evasions(form.evasions(), first);
                int end = view.end();
                boolean all = true;
                for (int w = 1; w < term.words().size() && all; w++) {
                    int next = index + w;
                    if (next >= tokens.size() || !onlySpaceBetween(text, end, tokens.get(next).start())) {
                        all = false;
                        break;
                    }
                    Set<Evasion> more = wordMatch(tokens.get(next), term.words().get(w));
                    if (more == null) {
                        all = false;
                    } else {
                        evasions.addAll(more);
                        end = tokens.get(next).core().end();
                    }
                }
                if (all) {
                    add(text, term, view.start(), end, evasions, language, found);
                }
            }
            pluralOf(form).ifPresent(stem -> {
                for (TermLists.Term term : lists.startingWith(WordForms.skeleton(stem))) {
                    if (term.words().size() == 1 && term.words().get(0).length() >= MIN_PLURAL_STEM) {
                        Set<Evasion> extra = WordForms.matches(stem, term.words().get(0));
                        if (extra != null) {
                            add(text, term, view.start(), view.end(), evasions(form.evasions(), extra), language,
                                    found);
                        }
                    }
                }
            });
        }
    }

    private static Optional<String> pluralOf(WordForms.Form form) {
        String word = form.text();
        return word.length() > MIN_PLURAL_STEM && word.endsWith("s") && word.indexOf(WordForms.MASK) < 0
                ? Optional.of(word.substring(0, word.length() - 1))
                : Optional.empty();
    }

    private List<TermLists.Term> candidates(String form) {
        if (form.indexOf(WordForms.MASK) >= 0) {
            return lists.singleWordsOfLength(form.length());
        }
        return lists.startingWith(WordForms.skeleton(form));
    }

    private static Set<Evasion> wordMatch(Token token, String termWord) {
        for (View view : token.views()) {
            for (WordForms.Form form : WordForms.forms(view.raw())) {
                Set<Evasion> extra = WordForms.matches(form.text(), termWord);
                if (extra != null) {
                    return evasions(form.evasions(), extra);
                }
            }
        }
        return null;
    }

    /** Runs of single characters with small gaps ("f u c k", "f.u.c.k") read as one word. */
    private void matchSpaced(String text, List<Token> tokens, Optional<String> language, List<TermMatch> found) {
        int runStart = 0;
        while (runStart < tokens.size()) {
            int runEnd = runStart;
            while (tokens.get(runEnd).single() && runEnd + 1 < tokens.size() && tokens.get(runEnd + 1).single()
                    && runEnd + 1 - runStart < MAX_SPACED_RUN
                    && separatorGap(text, tokens.get(runEnd).end(), tokens.get(runEnd + 1).start())) {
                runEnd++;
            }
            for (int from = runStart; from < runEnd; from++) {
                StringBuilder raw = new StringBuilder(tokens.get(from).raw());
                for (int to = from + 1; to <= runEnd; to++) {
                    raw.append(tokens.get(to).raw());
                    int start = tokens.get(from).start();
                    int end = tokens.get(to).end();
                    for (WordForms.Form form : WordForms.forms(raw.toString())) {
                        for (TermLists.Term term : candidates(form.text())) {
                            Set<Evasion> extra = term.words().size() == 1
                                    ? WordForms.matches(form.text(), term.words().get(0)) : null;
                            if (extra != null) {
                                EnumSet<Evasion> evasions = evasions(form.evasions(), extra);
                                evasions.add(Evasion.SEPARATED);
                                add(text, term, start, end, evasions, language, found);
                            }
                        }
                    }
                }
            }
            runStart = runEnd + 1;
        }
    }

    /** Terms in scripts written without spaces (and terms with symbols) are found anywhere in the text. */
    private void matchSubstrings(String text, Optional<String> language, List<TermMatch> found) {
        if (lists.substringTerms().isEmpty()) {
            return;
        }
        StringBuilder visible = new StringBuilder(text.length());
        int[] origin = new int[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!WordForms.isInvisible(c)) {
                origin[visible.length()] = i;
                visible.append(Character.toLowerCase(c));
            }
        }
        origin[visible.length()] = text.length();
        String haystack = visible.toString();
        for (TermLists.Term term : lists.substringTerms()) {
            String needle = term.words().get(0);
            for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
                int start = origin[at];
                int end = origin[at + needle.length() - 1] + 1;
                Set<Evasion> evasions = end - start > needle.length() ? Set.of(Evasion.ZERO_WIDTH) : Set.of();
                add(text, term, start, end, EnumSet.copyOf(evasions(evasions, Set.of())), language, found);
            }
        }
    }

    private void add(String text, TermLists.Term term, int start, int end, Set<Evasion> evasions,
            Optional<String> language, List<TermMatch> found) {
        if (!applies(term, language)) {
            return;
        }
        String matched = text.substring(start, end);
        Set<Evasion> undone = plain(matched, term.text()) ? Set.of() : evasions;
        found.add(new TermMatch(PROFANITY, term.text(), term.language(), start, end, matched, undone));
    }

    private boolean applies(TermLists.Term term, Optional<String> language) {
        String list = primary(term.language());
        if (language.isEmpty()) {
            boolean shortForeign = !list.equals("en") && term.text().length() <= MAX_SHORT_TERM;
            return !shortForeign && !lists.innocentElsewhere(term);
        }
        String spoken = normaliseLanguage(language.get());
        if (list.equals(spoken)) {
            return true;
        }
        return list.equals("en") && !lists.innocentElsewhere(term);
    }

    private static String primary(String tag) {
        String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
        return normaliseLanguage(primary);
    }

    private static String normaliseLanguage(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "nb", "nn" -> "no";
            case "tl" -> "fil";
            default -> code.toLowerCase(Locale.ROOT);
        };
    }

    /** The text says the term outright: same letters, only case and spacing differ. */
    private static boolean plain(String matched, String term) {
        return canonical(matched).equals(canonical(term));
    }

    private static String canonical(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static EnumSet<Evasion> evasions(Set<Evasion> first, Set<Evasion> second) {
        EnumSet<Evasion> all = EnumSet.noneOf(Evasion.class);
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    private static List<TermMatch> withoutOverlaps(List<TermMatch> found) {
        List<TermMatch> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(TermMatch::start)
                .thenComparing(Comparator.comparingInt((TermMatch m) -> m.end() - m.start()).reversed())
                .thenComparing(m -> m.evasions().size()));
        List<TermMatch> kept = new ArrayList<>();
        int coveredUntil = -1;
        for (TermMatch match : sorted) {
            if (match.start() >= coveredUntil) {
                kept.add(match);
                coveredUntil = match.end();
            }
        }
        return kept;
    }

    private static boolean onlySpaceBetween(String text, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean separatorGap(String text, int from, int to) {
        if (to <= from || to - from > MAX_SEPARATOR_GAP) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (SEPARATORS.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!WordForms.isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && WordForms.isTokenChar(text.charAt(i))) {
                i++;
            }
            tokens.add(new Token(text, start, i));
        }
        return tokens;
    }

    /** A span of the original text that may be a (disguised) word. */
    record View(String raw, int start, int end) {
    }

    /** A maximal run of word characters, leet symbols, masks and invisible characters. */
    record Token(String text, int start, int end) {

        String raw() {
            return text.substring(start, end);
        }

        /** Without leading and trailing symbols ("hello!" reads as "hello"). */
        View core() {
            int from = start;
            int to = end;
            while (from < to && !Character.isLetterOrDigit(text.charAt(from))) {
                from++;
            }
            while (to > from && !Character.isLetterOrDigit(text.charAt(to - 1))) {
                to--;
            }
            return from == to ? new View(raw(), start, end) : new View(text.substring(from, to), from, to);
        }

        List<View> views() {
            View core = core();
            return core.start() == start && core.end() == end ? List.of(core)
                    : List.of(core, new View(raw(), start, end));
        }

        /** One visible character, the building block of "f u c k". */
        boolean single() {
            int visible = 0;
            for (int i = start; i < end; i++) {
                if (!WordForms.isInvisible(text.charAt(i))) {
                    visible++;
                }
            }
            return visible == 1;
        }
    }
}
