package dev.arbiter.classifiers.spam;

import dev.arbiter.classifiers.ExtractedContent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an extracted message into a fixed-size vector by feature hashing: body words and word pairs, subject words,
 * the sender's domain, and a few shape cues (length, capitals, "$" and "!" density, links). Only what production
 * content also has is used: no mail-server headers, which in this corpus would leak the collector's setup.
 */
public final class SpamFeatures {

    /** Changes whenever the features change, so that no model is served with features it was not trained on. */
    public static final String VERSION = "hashed-words-v1";

    /** Metadata names Tika uses for the subject and the sender of a message. */
    static final String SUBJECT = "dc:title";
    static final String SENDER = "Message-From";

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)([a-z0-9.-]+)[^\\s<>\"]*");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@([\\w-]+\\.[\\w.-]+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'_-]*|[$!€£]");

    private final int dimensions;
    private final int maxChars;

    public SpamFeatures(int dimensions, int maxChars) {
        if (Integer.bitCount(dimensions) != 1) {
            throw new IllegalArgumentException("dimensions must be a power of two: " + dimensions);
        }
        this.dimensions = dimensions;
        this.maxChars = maxChars;
    }

    public int dimensions() {
        return dimensions;
    }

    public float[] vector(ExtractedContent content) {
        return sparse(content).toDense(dimensions);
    }

    /** The same vector, as its non-zero entries only (a message touches a few hundred of the dimensions). */
    public SparseVector sparse(ExtractedContent content) {
        Map<Integer, Float> counts = new HashMap<>();
        String body = content.text().length() > maxChars ? content.text().substring(0, maxChars) : content.text();
        int links = 0;
        Matcher url = URL.matcher(body);
        while (url.find()) {
            links++;
            add(counts, "url-host:" + registeredDomain(url.group(1).toLowerCase(Locale.ROOT)));
        }
        Matcher mail = EMAIL.matcher(body);
        while (mail.find()) {
            add(counts, "mail-domain:" + registeredDomain(mail.group(1).toLowerCase(Locale.ROOT)));
        }
        String previous = null;
        Matcher word = WORD.matcher(URL.matcher(body).replaceAll(" "));
        int words = 0;
        int dollars = 0;
        int bangs = 0;
        while (word.find()) {
            String token = normalise(word.group());
            words++;
            dollars += token.equals("$") ? 1 : 0;
            bangs += token.equals("!") ? 1 : 0;
            add(counts, "w:" + token);
            if (previous != null) {
                add(counts, "b:" + previous + "_" + token);
            }
            previous = token;
        }
        content.metadataValue(SUBJECT).ifPresent(subject -> {
            Matcher subjectWord = WORD.matcher(subject);
            while (subjectWord.find()) {
                add(counts, "s:" + normalise(subjectWord.group()));
            }
            add(counts, "subject-caps:" + bucket(capitalShare(subject), 0.2));
        });
        content.metadataValue(SENDER).ifPresent(sender -> {
            Matcher from = EMAIL.matcher(sender);
            if (from.find()) {
                add(counts, "from-domain:" + registeredDomain(from.group(1).toLowerCase(Locale.ROOT)));
                add(counts, "from-tld:" + tld(from.group(1).toLowerCase(Locale.ROOT)));
            }
        });
        add(counts, "length:" + (int) (Math.log(1 + body.length()) / Math.log(2)));
        add(counts, "links:" + Math.min(links, 8));
        add(counts, "caps:" + bucket(capitalShare(body), 0.05));
        add(counts, "dollars:" + bucket(words == 0 ? 0 : (double) dollars / words, 0.005));
        add(counts, "bangs:" + bucket(words == 0 ? 0 : (double) bangs / words, 0.005));
        return normalised(counts);
    }

    /** Log-scaled counts, scaled to unit length so that long and short messages weigh the same. */
    private static SparseVector normalised(Map<Integer, Float> counts) {
        int[] indices = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] values = new float[indices.length];
        double norm = 0;
        for (int i = 0; i < indices.length; i++) {
            float count = counts.get(indices[i]);
            values[i] = (float) Math.log1p(Math.abs(count)) * Math.signum(count);
            norm += values[i] * values[i];
        }
        if (norm > 0) {
            float scale = (float) (1.0 / Math.sqrt(norm));
            for (int i = 0; i < values.length; i++) {
                values[i] *= scale;
            }
        }
        return new SparseVector(indices, values);
    }

    /** Non-zero entries of a feature vector, indices ascending. */
    public record SparseVector(int[] indices, float[] values) {

        public float[] toDense(int dimensions) {
            float[] dense = new float[dimensions];
            writeInto(dense, 0);
            return dense;
        }

        public void writeInto(float[] buffer, int offset) {
            for (int i = 0; i < indices.length; i++) {
                buffer[offset + indices[i]] = values[i];
            }
        }
    }

    /** Signed feature hashing: the sign bit of a second hash halves the bias that collisions add. */
    private void add(Map<Integer, Float> counts, String feature) {
        int hash = mix(feature.hashCode());
        int index = hash & (dimensions - 1);
        float sign = (mix(hash ^ 0x5bd1e995) & 1) == 0 ? 1f : -1f;
        counts.merge(index, sign, Float::sum);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static String normalise(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(Character::isDigit)) {
            return lower.length() <= 2 ? lower : "#num" + Math.min(lower.length(), 6);
        }
        return lower.length() > 24 ? lower.substring(0, 24) : lower;
    }

    private static String registeredDomain(String host) {
        String[] labels = host.split("\\.");
        return labels.length <= 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private static String tld(String host) {
        return host.substring(host.lastIndexOf('.') + 1);
    }

    private static double capitalShare(String text) {
        int letters = 0;
        int capitals = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                capitals += Character.isUpperCase(c) ? 1 : 0;
            }
        }
        return letters == 0 ? 0 : (double) capitals / letters;
    }

    private static int bucket(double value, double width) {
        return (int) Math.min(10, value / width);
    }
}
