package dev.arbiter.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy (taxonomy or routing table) that cannot be accepted; lists every problem found. */
public class PolicyValidationException extends RuntimeException {

    private final List<PolicyProblem> problems;

    public PolicyValidationException(List<PolicyProblem> problems) {
        super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n", "Policy refused:\n", "")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
