package dev.arbiter.policy.routing;

/** The routing decision could not produce a result for these signals; nothing was decided. */
public class PolicyEvaluationException extends RuntimeException {

    public PolicyEvaluationException(String message) {
        super(message);
    }
}
