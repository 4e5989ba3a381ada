package dev.arbiter.policy.coverage;

import java.util.List;
import java.util.Set;

/** An input entry parsed into the subset of FEEL unary tests the completeness check reasons about. */
sealed interface Condition {

    /** "-" or empty: matches every value. */
    record Any() implements Condition {
    }

    /** Comparisons, ranges and numbers, optionally inside not(...). */
    record Numbers(List<Interval> intervals, boolean negated) implements Condition {
    }

    /** String literals, optionally inside not(...). */
    record Texts(Set<String> values, boolean negated) implements Condition {
    }

    /** true / false, optionally inside not(...). */
    record Booleans(Set<Boolean> values, boolean negated) implements Condition {
    }
}
