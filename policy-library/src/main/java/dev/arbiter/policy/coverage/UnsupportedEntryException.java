package dev.arbiter.policy.coverage;

/** An input entry outside the unary-test subset the completeness check can reason about. */
class UnsupportedEntryException extends Exception {

    UnsupportedEntryException(String message) {
        super(message);
    }
}
