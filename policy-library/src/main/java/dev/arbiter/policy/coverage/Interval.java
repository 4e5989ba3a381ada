package dev.arbiter.policy.coverage;

import java.math.BigDecimal;

/** A numeric interval; a null bound is unbounded on that side. */
record Interval(BigDecimal low, boolean lowClosed, BigDecimal high, boolean highClosed) {

    static final Interval ALL = new Interval(null, false, null, false);

    static Interval point(BigDecimal value) {
        return new Interval(value, true, value, true);
    }

    boolean contains(BigDecimal x) {
        boolean aboveLow = low == null || (lowClosed ? x.compareTo(low) >= 0 : x.compareTo(low) > 0);
        boolean belowHigh = high == null || (highClosed ? x.compareTo(high) <= 0 : x.compareTo(high) < 0);
        return aboveLow && belowHigh;
    }

    /** FEEL-style text: "< 0.8", ">= 0.97", "[0.3..0.5)", "= 2". */
    String describe() {
        if (low == null && high == null) {
            return "any value";
        }
        if (low == null) {
            return (highClosed ? "<= " : "< ") + high.toPlainString();
        }
        if (high == null) {
            return (lowClosed ? ">= " : "> ") + low.toPlainString();
        }
        if (low.compareTo(high) == 0) {
            return "= " + low.toPlainString();
        }
        return (lowClosed ? "[" : "(") + low.toPlainString() + ".." + high.toPlainString() + (highClosed ? "]" : ")");
    }
}
