package dev.arbiter.policy.diff;

/** One cell of a rule that differs: the column (input signal or output name) and its text before and after. */
public record EntryChange(String column, String before, String after) {
}
