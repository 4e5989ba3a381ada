package dev.arbiter.classifiers.benchmark;

import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.coded.CodedLanguageDetector;
import dev.arbiter.classifiers.imagehash.HashBank;
import dev.arbiter.classifiers.imagehash.PdqHash;
import dev.arbiter.classifiers.imagehash.PdqHasher;
import dev.arbiter.classifiers.language.LanguageIdentifier;
import dev.arbiter.classifiers.spam.PreparedCorpus;
import dev.arbiter.classifiers.spam.SpamClassifier;
import dev.arbiter.classifiers.spam.SpamExperiment;
import dev.arbiter.classifiers.spam.SpamModelSpec;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Prints single-thread and two-thread throughput and p50/p99 latency of the spam model, the coded-language
 * detector, PDQ hashing of a 1024x1024 image and a lookup in a bank of one million hashes, plus the language
 * identifier and its memory. Each figure comes from a timed loop after a warm-up; inputs rotate over real data.
 */
public final class ClassifiersBenchmark {

    private static final int BANK_SIZE = 1_000_000;

    private ClassifiersBenchmark() {
    }

    /** One measured case: items/s and latency percentiles, at a number of threads. */
    record Figure(String name, int threads, long items, double itemsPerSecond, double p50Micros, double p99Micros) {
    }

    public static void run(Path dataDir, Path modelDir, int seconds) throws IOException {
        List<Figure> figures = new ArrayList<>();
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MiB, load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());

        PreparedCorpus corpus = SpamExperiment.prepare(dataDir);
        SpamExperiment.run(corpus, SpamModelSpec.defaults(), new SpamExperiment.Paths(dataDir, modelDir, null), true);
        List<ExtractedContent> mails = corpus.split(0.2, SpamModelSpec.defaults().seed()).heldOut().stream()
                .map(PreparedCorpus.LabelledEmail::content).toList();
        try (SpamClassifier spam = SpamClassifier.load("spam", modelDir, null)) {
            measureBoth(figures, "spam model (one message, features + forward)", seconds,
                    i -> spam.classify(mails.get(i % mails.size())));
        }

        CodedLanguageDetector detector = CodedLanguageDetector.withAllLists();
        List<ExtractedContent> texts = new ArrayList<>();
        String[] disguised = {" what the f*ck", " $h1t happens", " f u c k this", " a55hole", " fuuuuck", ""};
        for (int i = 0; i < 500; i++) {
            String text = mails.get(i % mails.size()).text();
            text = text.substring(0, Math.min(600, text.length())) + disguised[i % disguised.length];
            texts.add(ExtractedContent.ofText(text).withLanguage("en"));
        }
        double meanChars = texts.stream().mapToInt(t -> t.text().length()).average().orElse(0);
        measureBoth(figures, String.format(Locale.ROOT, "coded-language detector (%.0f chars)", meanChars), seconds,
                i -> detector.classify(texts.get(i % texts.size())));

        PdqHasher hasher = new PdqHasher();
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(image(i, 1024));
        }
        measureBoth(figures, "PDQ hash of a 1024x1024 image (decoded)", seconds,
                i -> hasher.hash(images.get(i % images.size())));

        Random random = new Random(42);
        long heapBeforeBank = usedHeap();
        HashBank bank = new HashBank("benchmark");
        List<PdqHash> stored = new ArrayList<>();
        long buildStart = System.nanoTime();
        for (int i = 0; i < BANK_SIZE; i++) {
            PdqHash hash = PdqHash.ofWords(new long[] {random.nextLong(), random.nextLong(), random.nextLong(),
                random.nextLong()});
            if (i % 1000 == 0) {
                stored.add(hash);
            }
            bank.add(hash, "label", "source");
        }
        System.out.printf(Locale.ROOT, "hash bank: %d hashes added in %.1f s, ~%d MiB heap%n", bank.size(),
                (System.nanoTime() - buildStart) / 1e9, (usedHeap() - heapBeforeBank) >> 20);
        List<PdqHash> queries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            queries.add(i % 2 == 0 ? flip(stored.get(i % stored.size()), 1 + random.nextInt(30), random)
                    : PdqHash.ofWords(new long[] {random.nextLong(), random.nextLong(), random.nextLong(),
                        random.nextLong()}));
        }
        measureBoth(figures, "hash-bank lookup, 1M hashes, distance <= 31 (half hits)", seconds,
                i -> bank.match(queries.get(i % queries.size()), 31));

        long before = usedHeap();
        LanguageIdentifier languages = LanguageIdentifier.withDefaults();
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "language identifier: %d languages, low accuracy mode, ~%d MiB heap%n",
                LanguageIdentifier.DEFAULT_LANGUAGES.size(), Math.max(0, after - before) >> 20);
        measureBoth(figures, "language identification (same texts)", seconds,
                i -> languages.identify(texts.get(i % texts.size()).text()));

        System.out.println();
        System.out.println("load average after: " + loadAverage());
        System.out.println("| case | threads | items/s | p50 (us) | p99 (us) |");
        System.out.println("|---|---|---|---|---|");
        for (Figure figure : figures) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |%n", figure.name(), figure.threads(),
                    figure.itemsPerSecond(), figure.p50Micros(), figure.p99Micros());
        }
    }

    private static void measureBoth(List<Figure> figures, String name, int seconds, IntConsumer task) {
        measure(name, 2, seconds, task);
        for (int threads : new int[] {1, 2}) {
            Figure figure = measure(name, threads, seconds, task);
            figures.add(figure);
            System.out.printf(Locale.ROOT, "%s, %d thread(s): %.0f items/s, p50 %.0f us, p99 %.0f us%n", name,
                    threads, figure.itemsPerSecond(), figure.p50Micros(), figure.p99Micros());
        }
    }

    private static Figure measure(String name, int threads, int seconds, IntConsumer task) {
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L + 50_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            latencies[t] = new long[1 << 16];
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                while (System.nanoTime() < deadline) {
                    long begin = System.nanoTime();
                    task.accept(next.getAndIncrement());
                    long took = System.nanoTime() - begin;
                    if (counts[worker] == latencies[worker].length) {
                        latencies[worker] = Arrays.copyOf(latencies[worker], counts[worker] * 2);
                    }
                    latencies[worker][counts[worker]++] = took;
                }
            }, "benchmark-" + t);
            workers.add(thread);
            thread.start();
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, offset, counts[t]);
            offset += counts[t];
        }
        Arrays.sort(all);
        return new Figure(name, threads, total, total / elapsed, percentile(all, 0.50) / 1e3,
                percentile(all, 0.99) / 1e3);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Other work on the machine distorts every figure, so the figures say how busy it was. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static PdqHash flip(PdqHash hash, int bits, Random random) {
        boolean[] flipped = new boolean[PdqHash.BITS];
        for (int i = 0; i < PdqHash.BITS; i++) {
            flipped[i] = hash.bit(i);
        }
        for (int i = 0; i < bits; i++) {
            int bit = random.nextInt(PdqHash.BITS);
            flipped[bit] = !flipped[bit];
        }
        return PdqHash.fromBits(flipped);
    }

    private static BufferedImage image(int seed, int size) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt()), size, size, new Color(random.nextInt())));
        g.fillRect(0, 0, size, size);
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(random.nextInt()));
            g.fillOval(random.nextInt(size), random.nextInt(size), 20 + random.nextInt(size / 3),
                    20 + random.nextInt(size / 3));
        }
        g.dispose();
        return image;
    }
}
