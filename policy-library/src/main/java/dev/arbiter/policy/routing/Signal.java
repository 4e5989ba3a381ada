package dev.arbiter.policy.routing;

import java.util.Arrays;
import java.util.Optional;

/** The signals a routing table may read, by the variable name the triage workflow passes to the decision. */
public enum Signal {
    HASH_MATCH("hashMatch", Kind.BOOLEAN),
    REPORTER_TYPE("reporterType", Kind.TEXT),
    CODED("coded", Kind.BOOLEAN),
    PRIOR_STRIKES("priorStrikes", Kind.NUMBER),
    LANGUAGE("language", Kind.TEXT),
    SURFACE("surface", Kind.TEXT),
    SPAM("spam", Kind.NUMBER),
    SCAM("scam", Kind.NUMBER),
    HATE("hate", Kind.NUMBER),
    SEXUAL("sexual", Kind.NUMBER),
    VIOLENCE("violence", Kind.NUMBER);

    /** The value type of a signal, which decides how the completeness check partitions it. */
    public enum Kind {
        NUMBER("number"), BOOLEAN("boolean"), TEXT("string");

        private final String typeRef;

        Kind(String typeRef) {
            this.typeRef = typeRef;
        }

        /** The DMN typeRef of an input column that reads a signal of this kind. */
        public String typeRef() {
            return typeRef;
        }
    }

    private final String variable;
    private final Kind kind;

    Signal(String variable, Kind kind) {
        this.variable = variable;
        this.kind = kind;
    }

    public String variable() {
        return variable;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Signal> byVariable(String name) {
        return Arrays.stream(values()).filter(s -> s.variable.equals(name)).findFirst();
    }
}
