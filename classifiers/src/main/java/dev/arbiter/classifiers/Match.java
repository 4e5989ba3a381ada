package dev.arbiter.classifiers;

import java.util.Objects;
import java.util.Set;

/** Evidence behind a signal, precise enough for a moderator to see what was found. */
public sealed interface Match permits Match.TermMatch, Match.HashMatch {

    /** The category this evidence supports, for example {@code profanity} or {@code known-image}. */
    String category();

    /**
     * A listed term found in the text.
     *
     * @param term the listed term that matched
     * @param termList language code of the list that holds the term
     * @param start start offset in the ORIGINAL text (UTF-16 index, inclusive)
     * @param end end offset in the ORIGINAL text (UTF-16 index, exclusive)
     * @param matchedText the original text between start and end
     * @param evasions the evasion techniques undone to find the match; empty for a plain match
     */
    record TermMatch(String category, String term, String termList, int start, int end, String matchedText,
            Set<Evasion> evasions) implements Match {

        public TermMatch {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(term, "term");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span " + start + ".." + end);
            }
            evasions = Set.copyOf(evasions);
        }

        public boolean coded() {
            return !evasions.isEmpty();
        }
    }

    /**
     * A media part whose perceptual hash is near a hash in a bank.
     *
     * @param mediaPart name of the media part that matched
     * @param bank name of the hash bank
     * @param label label the policy team gave the banked hash
     * @param source where the banked hash came from (a case id, an industry list)
     * @param distance Hamming distance between the two 256-bit hashes
     */
    record HashMatch(String category, String mediaPart, String bank, String label, String source, int distance)
            implements Match {

        public HashMatch {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(mediaPart, "mediaPart");
        }
    }

    /** Ways people disguise a word so that a plain list does not see it. */
    enum Evasion {
        LEETSPEAK, CONFUSABLE, ZERO_WIDTH, SEPARATED, REPEATED, MASKED, DIACRITICS
    }
}
