package dev.arbiter.policy.coverage;

import dev.arbiter.policy.PolicyProblem;
import java.util.List;

/** What the completeness check found: errors refuse the table, warnings are shown to the policy expert. */
public record CoverageReport(List<PolicyProblem> errors, List<PolicyProblem> warnings) {

    public CoverageReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
