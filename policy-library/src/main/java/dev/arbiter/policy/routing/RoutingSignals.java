package dev.arbiter.policy.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the classifiers and the report say about one piece of content: category scores in [0, 1],
 * the coded-language flag, a hash-list match, language (ISO 639-1), surface, the author's prior strikes
 * and who reported it (none, user, trusted_flagger, authority).
 */
public record RoutingSignals(
        double spam,
        double scam,
        double hate,
        double sexual,
        double violence,
        boolean coded,
        boolean hashMatch,
        String language,
        String surface,
        int priorStrikes,
        String reporterType) {

    public RoutingSignals {
        score("spam", spam);
        score("scam", scam);
        score("hate", hate);
        score("sexual", sexual);
        score("violence", violence);
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(reporterType, "reporterType");
        if (priorStrikes < 0) {
            throw new IllegalArgumentException("priorStrikes must be 0 or more, was " + priorStrikes);
        }
    }

    /** The variables the routing decision reads, named as in the DMN table and the triage workflow. */
    public Map<String, Object> toVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Signal.HASH_MATCH.variable(), hashMatch);
        variables.put(Signal.REPORTER_TYPE.variable(), reporterType);
        variables.put(Signal.CODED.variable(), coded);
        variables.put(Signal.PRIOR_STRIKES.variable(), priorStrikes);
        variables.put(Signal.LANGUAGE.variable(), language);
        variables.put(Signal.SURFACE.variable(), surface);
        variables.put(Signal.SPAM.variable(), spam);
        variables.put(Signal.SCAM.variable(), scam);
        variables.put(Signal.HATE.variable(), hate);
        variables.put(Signal.SEXUAL.variable(), sexual);
        variables.put(Signal.VIOLENCE.variable(), violence);
        return variables;
    }

    private static void score(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " score must be within [0, 1], was " + value);
        }
    }
}
