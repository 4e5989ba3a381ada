package dev.arbiter.classifiers.imagehash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-index hashing (Norouzi, Punjani and Fleet) for 256-bit hashes: each hash is filed under its sixteen 16-bit
 * chunks. Two hashes within distance {@code t} agree within {@code t / 16} bits on at least one chunk, so a query
 * probes only the chunk values near its own and verifies the few candidates it finds. Not thread-safe: the
 * {@link HashBank} guards it.
 */
final class MultiIndex {

    static final int CHUNKS = 16;
    private static final int CHUNK_VALUES = 1 << 16;
    private static final int[][] MASKS_BY_WEIGHT = masksByWeight();

    private final int[][][] buckets = new int[CHUNKS][CHUNK_VALUES][];
    private final int[][] bucketSizes = new int[CHUNKS][CHUNK_VALUES];
    private long[] hashes = new long[4 * 1024];

    void add(int slot, PdqHash hash) {
        if ((slot + 1) * 4 > hashes.length) {
            hashes = Arrays.copyOf(hashes, Math.max(hashes.length * 2, (slot + 1) * 4));
        }
        for (int w = 0; w < 4; w++) {
            hashes[slot * 4 + w] = hash.word(w);
        }
        for (int c = 0; c < CHUNKS; c++) {
            int value = hash.chunk(c);
            int[] bucket = buckets[c][value];
            int size = bucketSizes[c][value];
            if (bucket == null) {
                bucket = new int[4];
                buckets[c][value] = bucket;
            } else if (size == bucket.length) {
                bucket = Arrays.copyOf(bucket, size * 2);
                buckets[c][value] = bucket;
            }
            bucket[size] = slot;
            bucketSizes[c][value] = size + 1;
        }
    }

    void remove(int slot, PdqHash hash) {
        for (int c = 0; c < CHUNKS; c++) {
            int value = hash.chunk(c);
            int[] bucket = buckets[c][value];
            int size = bucketSizes[c][value];
            for (int i = 0; i < size; i++) {
                if (bucket[i] == slot) {
                    bucket[i] = bucket[size - 1];
                    bucketSizes[c][value] = size - 1;
                    break;
                }
            }
        }
    }

    /** Slots whose hash is within {@code maxDistance} of the query, each once, with its distance. */
    List<int[]> search(PdqHash query, int maxDistance) {
        int radius = Math.min(16, maxDistance / CHUNKS);
        int[] queryChunks = new int[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            queryChunks[c] = query.chunk(c);
        }
        long q0 = query.word(0);
        long q1 = query.word(1);
        long q2 = query.word(2);
        long q3 = query.word(3);
        List<int[]> found = new ArrayList<>();
        for (int c = 0; c < CHUNKS; c++) {
            for (int weight = 0; weight <= radius; weight++) {
                for (int mask : MASKS_BY_WEIGHT[weight]) {
                    int value = queryChunks[c] ^ mask;
                    int[] bucket = buckets[c][value];
                    int size = bucketSizes[c][value];
                    for (int i = 0; i < size; i++) {
                        int slot = bucket[i];
                        int base = slot * 4;
                        int distance = Long.bitCount(hashes[base] ^ q0) + Long.bitCount(hashes[base + 1] ^ q1)
                                + Long.bitCount(hashes[base + 2] ^ q2) + Long.bitCount(hashes[base + 3] ^ q3);
                        if (distance <= maxDistance && !foundInEarlierChunk(slot, queryChunks, c, radius)) {
                            found.add(new int[] {slot, distance});
                        }
                    }
                }
            }
        }
        return found;
    }

    /** A candidate reachable from an earlier chunk was already reported there. */
    private boolean foundInEarlierChunk(int slot, int[] queryChunks, int chunk, int radius) {
        for (int c = 0; c < chunk; c++) {
            long word = hashes[slot * 4 + (c >>> 2)];
            int value = (int) (word >>> ((c & 3) * 16)) & 0xFFFF;
            if (Integer.bitCount(value ^ queryChunks[c]) <= radius) {
                return true;
            }
        }
        return false;
    }

    private static int[][] masksByWeight() {
        int[] counts = new int[17];
        for (int mask = 0; mask < CHUNK_VALUES; mask++) {
            counts[Integer.bitCount(mask)]++;
        }
        int[][] masks = new int[17][];
        for (int weight = 0; weight <= 16; weight++) {
            masks[weight] = new int[counts[weight]];
        }
        int[] filled = new int[17];
        for (int mask = 0; mask < CHUNK_VALUES; mask++) {
            int weight = Integer.bitCount(mask);
            masks[weight][filled[weight]++] = mask;
        }
        return masks;
    }
}
