package dev.arbiter.classifiers.imagehash;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 256-bit PDQ perceptual hash. Bit {@code i} is bit {@code i % 64} of word {@code i / 64}; the hex form writes
 * word 3 first, so it reads as one big-endian 256-bit number.
 */
public final class PdqHash {

    public static final int BITS = 256;
    private static final int WORDS = 4;

    private final long[] words;

    private PdqHash(long[] words) {
        this.words = words;
    }

    public static PdqHash ofWords(long[] words) {
        if (words.length != WORDS) {
            throw new IllegalArgumentException("a PDQ hash has 4 64-bit words, got " + words.length);
        }
        return new PdqHash(words.clone());
    }

    public static PdqHash fromBits(boolean[] bits) {
        if (bits.length != BITS) {
            throw new IllegalArgumentException("a PDQ hash has 256 bits, got " + bits.length);
        }
        long[] words = new long[WORDS];
        for (int i = 0; i < BITS; i++) {
            if (bits[i]) {
                words[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new PdqHash(words);
    }

    public static PdqHash fromHex(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a PDQ hash is 64 hex digits, got " + hex.length());
        }
        long[] words = new long[WORDS];
        for (int w = 0; w < WORDS; w++) {
            int from = (WORDS - 1 - w) * 16;
            words[w] = Long.parseUnsignedLong(hex.substring(from, from + 16), 16);
        }
        return new PdqHash(words);
    }

    public String toHex() {
        StringBuilder hex = new StringBuilder(64);
        HexFormat format = HexFormat.of();
        for (int w = WORDS - 1; w >= 0; w--) {
            hex.append(format.toHexDigits(words[w]));
        }
        return hex.toString();
    }

    long word(int index) {
        return words[index];
    }

    /** The 16 bits of chunk {@code index} (0..15), the unit of the multi-index. */
    int chunk(int index) {
        return (int) (words[index >>> 2] >>> ((index & 3) * 16)) & 0xFFFF;
    }

    public boolean bit(int index) {
        return (words[index >>> 6] >>> (index & 63) & 1L) != 0;
    }

    public int distance(PdqHash other) {
        return Long.bitCount(words[0] ^ other.words[0]) + Long.bitCount(words[1] ^ other.words[1])
                + Long.bitCount(words[2] ^ other.words[2]) + Long.bitCount(words[3] ^ other.words[3]);
    }

    public int bitCount() {
        return Long.bitCount(words[0]) + Long.bitCount(words[1]) + Long.bitCount(words[2])
                + Long.bitCount(words[3]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PdqHash hash && Arrays.equals(hash.words, words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
