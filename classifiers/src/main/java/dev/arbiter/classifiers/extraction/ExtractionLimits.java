package dev.arbiter.classifiers.extraction;

import java.time.Duration;

/**
 * Bounds on what one extraction may cost, so that a hostile upload cannot exhaust the service.
 *
 * @param maxBytes largest accepted input
 * @param timeout longest time one extraction may take
 * @param maxTextChars text beyond this is cut (and the content marked truncated)
 * @param maxNestingDepth deepest container nesting (a zip in a zip in an email is depth 3)
 * @param maxEmbeddedParts most embedded documents in one item
 * @param maxExpandedBytes most bytes all embedded documents may expand to, together
 * @param maxCompressionRatio most expanded bytes per input byte before the item counts as a zip bomb
 * @param maxMediaPartBytes largest media part kept for image matching
 */
public record ExtractionLimits(long maxBytes, Duration timeout, int maxTextChars, int maxNestingDepth,
        int maxEmbeddedParts, long maxExpandedBytes, long maxCompressionRatio, int maxMediaPartBytes) {

    public static final ExtractionLimits DEFAULTS = new ExtractionLimits(
            25L * 1024 * 1024, Duration.ofSeconds(20), 1_000_000, 4, 200, 200L * 1024 * 1024, 100, 16 * 1024 * 1024);

    public ExtractionLimits {
        if (maxBytes <= 0 || maxTextChars <= 0 || maxNestingDepth < 1 || maxEmbeddedParts < 0
                || maxExpandedBytes <= 0 || maxCompressionRatio <= 1 || maxMediaPartBytes <= 0) {
            throw new IllegalArgumentException("extraction limits must be positive: " + this);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public ExtractionLimits withMaxBytes(long value) {
        return new ExtractionLimits(value, timeout, maxTextChars, maxNestingDepth, maxEmbeddedParts,
                maxExpandedBytes, maxCompressionRatio, maxMediaPartBytes);
    }

    public ExtractionLimits withTimeout(Duration value) {
        return new ExtractionLimits(maxBytes, value, maxTextChars, maxNestingDepth, maxEmbeddedParts,
                maxExpandedBytes, maxCompressionRatio, maxMediaPartBytes);
    }

    public ExtractionLimits withMaxTextChars(int value) {
        return new ExtractionLimits(maxBytes, timeout, value, maxNestingDepth, maxEmbeddedParts,
                maxExpandedBytes, maxCompressionRatio, maxMediaPartBytes);
    }

    public ExtractionLimits withMaxNestingDepth(int value) {
        return new ExtractionLimits(maxBytes, timeout, maxTextChars, value, maxEmbeddedParts,
                maxExpandedBytes, maxCompressionRatio, maxMediaPartBytes);
    }
}
