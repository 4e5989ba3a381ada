package dev.arbiter.policy;

/** One reason a policy draft is refused: where it is (file, rule, column) and what is wrong. */
public record PolicyProblem(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
