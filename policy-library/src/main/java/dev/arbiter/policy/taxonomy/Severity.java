package dev.arbiter.policy.taxonomy;

/** How serious a violation category is; drives default priority and who may decide it. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
