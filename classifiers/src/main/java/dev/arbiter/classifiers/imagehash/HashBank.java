package dev.arbiter.classifiers.imagehash;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A named set of PDQ hashes that a policy team manages (known abusive images, previously removed uploads), each
 * with a label and a source. Lookups by Hamming distance go through a {@link MultiIndex}, fast at a million
 * hashes. Thread-safe: many readers, one writer at a time.
 */
public final class HashBank {

    private final String name;
    private final MultiIndex index = new MultiIndex();
    private final List<BankedHash> slots = new ArrayList<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private final Map<Long, Integer> slotById = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private long nextId = 1;
    private int size;
    private long contentSumHigh;
    private long contentSumLow;

    public HashBank(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * One banked hash.
     *
     * @param id the bank's id for this entry, used to remove it
     * @param label what the image is, in the policy team's words (a taxonomy category)
     * @param source where the hash came from (a case id, a partner list)
     */
    public record BankedHash(long id, PdqHash hash, String label, String source, Instant addedAt) {
    }

    /** A banked hash near the query. */
    public record BankMatch(String bank, BankedHash entry, int distance) {
    }

    public String name() {
        return name;
    }

    public BankedHash add(PdqHash hash, String label, String source) {
        requireField(label, "label");
        requireField(source, "source");
        lock.writeLock().lock();
        try {
            BankedHash entry = new BankedHash(nextId++, hash, label, source, Instant.now());
            int slot;
            if (freeSlots.isEmpty()) {
                slot = slots.size();
                slots.add(entry);
            } else {
                slot = freeSlots.pop();
                slots.set(slot, entry);
            }
            index.add(slot, hash);
            slotById.put(entry.id(), slot);
            size++;
            updateContentSum(entry, 1);
            return entry;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean remove(long entryId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotById.remove(entryId);
            if (slot == null) {
                return false;
            }
            BankedHash entry = slots.get(slot);
            index.remove(slot, entry.hash());
            slots.set(slot, null);
            freeSlots.push(slot);
            size--;
            updateContentSum(entry, -1);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes every entry with exactly this hash; returns how many. */
    public int removeHash(PdqHash hash) {
        List<Long> ids = match(hash, 0).stream().map(match -> match.entry().id()).toList();
        ids.forEach(this::remove);
        return ids.size();
    }

    /** Banked hashes within {@code maxDistance} bits of the query, nearest first. */
    public List<BankMatch> match(PdqHash query, int maxDistance) {
        if (maxDistance < 0 || maxDistance > PdqHash.BITS) {
            throw new IllegalArgumentException("distance must be within 0..256");
        }
        lock.readLock().lock();
        try {
            List<BankMatch> matches = new ArrayList<>();
            for (int[] hit : index.search(query, maxDistance)) {
                matches.add(new BankMatch(name, slots.get(hit[0]), hit[1]));
            }
            matches.sort(Comparator.comparingInt(BankMatch::distance));
            return matches;
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<BankMatch> nearest(PdqHash query, int maxDistance) {
        return match(query, maxDistance).stream().findFirst();
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A hash of the bank's content (hashes, labels, sources), independent of insertion order. */
    public String version() {
        lock.readLock().lock();
        try {
            return "multiset-sha256:" + HexFormat.of().toHexDigits(contentSumHigh)
                    + HexFormat.of().toHexDigits(contentSumLow) + ":" + size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes the bank as lines of {@code hex<TAB>label<TAB>source}. */
    public void save(Path file) throws IOException {
        lock.readLock().lock();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (BankedHash entry : slots) {
                if (entry != null) {
                    out.write(entry.hash().toHex() + "\t" + entry.label() + "\t" + entry.source() + "\n");
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    public static HashBank load(String name, Path file) throws IOException {
        HashBank bank = new HashBank(name);
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new IOException(file + ":" + lineNumber + ": expected hex, label and source separated by tabs");
            }
            try {
                bank.add(PdqHash.fromHex(fields[0].strip()), fields[1].strip(), fields[2].strip());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return bank;
    }

    private static void requireField(String value, String what) {
        if (value == null || value.isBlank() || value.contains("\t") || value.contains("\n")) {
            throw new IllegalArgumentException(what + " must be non-blank and free of tabs and newlines");
        }
    }

    private void updateContentSum(BankedHash entry, int sign) {
        byte[] digest = sha256(entry.hash().toHex() + "\t" + entry.label() + "\t" + entry.source());
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (digest[i] & 0xFF);
            low = (low << 8) | (digest[8 + i] & 0xFF);
        }
        contentSumHigh += sign * high;
        contentSumLow += sign * low;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
