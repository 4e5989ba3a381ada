package dev.arbiter.policy;

import dev.arbiter.policy.routing.RoutingSignals;

/** Builds realistic signal sets for tests: a quiet English public post reported by nobody, then adjusted. */
public final class Signals {

    private double spam = 0.02;
    private double scam = 0.01;
    private double hate = 0.03;
    private double sexual = 0.01;
    private double violence = 0.02;
    private boolean coded;
    private boolean hashMatch;
    private String language = "en";
    private String surface = "public_post";
    private int priorStrikes;
    private String reporterType = "none";

    public static Signals quietPost() {
        return new Signals();
    }

    public Signals spam(double v) { spam = v; return this; }
    public Signals scam(double v) { scam = v; return this; }
    public Signals hate(double v) { hate = v; return this; }
    public Signals sexual(double v) { sexual = v; return this; }
    public Signals violence(double v) { violence = v; return this; }
    public Signals coded() { coded = true; return this; }
    public Signals hashMatch() { hashMatch = true; return this; }
    public Signals language(String v) { language = v; return this; }
    public Signals surface(String v) { surface = v; return this; }
    public Signals priorStrikes(int v) { priorStrikes = v; return this; }
    public Signals reportedBy(String v) { reporterType = v; return this; }

    public RoutingSignals build() {
        return new RoutingSignals(spam, scam, hate, sexual, violence, coded, hashMatch, language, surface, priorStrikes, reporterType);
    }
}
