package dev.arbiter.classifiers.extraction;

/** Why an item yielded no content. The item itself is kept; only its extraction failed. */
public enum ExtractionFailure {
    /** Larger than {@link ExtractionLimits#maxBytes()}. */
    TOO_LARGE,
    /** Took longer than {@link ExtractionLimits#timeout()}. */
    TIMEOUT,
    /** Password-protected or encrypted. */
    ENCRYPTED,
    /** Damaged or not what its bytes claim to be. */
    CORRUPT,
    /** Expands far beyond its size, or holds too many parts. */
    ZIP_BOMB,
    /** Containers nested deeper than {@link ExtractionLimits#maxNestingDepth()}. */
    NESTED_TOO_DEEP,
    /** Zero bytes. */
    EMPTY,
    /** The input stream itself could not be read. */
    UNREADABLE
}
