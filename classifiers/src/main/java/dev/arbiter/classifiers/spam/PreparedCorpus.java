package dev.arbiter.classifiers.spam;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.extraction.ExtractionResult;
import dev.arbiter.classifiers.extraction.TikaContentExtractor;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The corpus after Tika extraction, as production content is extracted: text, subject and sender of every message.
 * Extraction takes a minute or two, so the result is cached next to the data, keyed by the data hash.
 */
public final class PreparedCorpus {

    /** Bumped whenever what is kept from an extraction changes, so stale caches are not reused. */
    private static final int CACHE_FORMAT = 1;
    private static final int MAX_TEXT_CHARS = 20_000;

    /** One message, labelled, as the classifier will see it. */
    public record LabelledEmail(String group, String id, boolean spam, ExtractedContent content) {
    }

    /** The two parts of a stratified split: the held-out part is never trained on. */
    public record Split(List<LabelledEmail> train, List<LabelledEmail> heldOut) {
    }

    private final List<LabelledEmail> emails;
    private final Map<String, Integer> extractionFailures;
    private final String dataHash;

    private PreparedCorpus(List<LabelledEmail> emails, Map<String, Integer> extractionFailures, String dataHash) {
        this.emails = List.copyOf(emails);
        this.extractionFailures = Map.copyOf(extractionFailures);
        this.dataHash = dataHash;
    }

    public List<LabelledEmail> emails() {
        return emails;
    }

    /** Extraction failures by failure type; such messages are left out of training and evaluation. */
    public Map<String, Integer> extractionFailures() {
        return extractionFailures;
    }

    public String dataHash() {
        return dataHash;
    }

    public static PreparedCorpus loadOrExtract(SpamAssassinCorpus corpus, Path cacheDir,
            TikaContentExtractor extractor, int threads) throws IOException {
        String dataHash = corpus.dataHash();
        Path cache = cacheDir.resolve("extracted-v" + CACHE_FORMAT + "-" + dataHash.substring(7, 23) + ".jsonl.gz");
        if (Files.isRegularFile(cache)) {
            return read(cache, dataHash);
        }
        PreparedCorpus prepared = extract(corpus, extractor, threads, dataHash);
        Files.createDirectories(cacheDir);
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        write(prepared, partial);
        Files.move(partial, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return prepared;
    }

    private static PreparedCorpus extract(SpamAssassinCorpus corpus, TikaContentExtractor extractor, int threads,
            String dataHash) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ExtractionResult>> results = new ArrayList<>();
            for (SpamAssassinCorpus.RawEmail email : corpus.emails()) {
                results.add(pool.submit(() -> extractor.extract(email.message(), email.id() + ".eml")));
            }
            List<LabelledEmail> emails = new ArrayList<>();
            Map<String, Integer> failures = new LinkedHashMap<>();
            for (int i = 0; i < results.size(); i++) {
                SpamAssassinCorpus.RawEmail email = corpus.emails().get(i);
                ExtractionResult result = results.get(i).get();
                if (result instanceof ExtractionResult.Failed failed) {
                    failures.merge(failed.failure().name(), 1, Integer::sum);
                } else {
                    emails.add(new LabelledEmail(email.group(), email.id(), email.spam(),
                            keepForTraining(result.content().orElseThrow())));
                }
            }
            return new PreparedCorpus(emails, failures, dataHash);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during extraction", e);
        } catch (ExecutionException e) {
            throw new IOException("extraction crashed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Keeps the text and the two metadata values the features use. */
    private static ExtractedContent keepForTraining(ExtractedContent content) {
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        content.metadataValue(SpamFeatures.SUBJECT).ifPresent(value -> metadata.put(SpamFeatures.SUBJECT,
                List.of(value)));
        content.metadataValue(SpamFeatures.SENDER).ifPresent(value -> metadata.put(SpamFeatures.SENDER,
                List.of(value)));
        String text = content.text().length() > MAX_TEXT_CHARS ? content.text().substring(0, MAX_TEXT_CHARS)
                : content.text();
        return new ExtractedContent(content.mediaType(), text, Optional.empty(), List.of(), metadata,
                content.truncated());
    }

    /** Per label, a seeded shuffle; the first {@code heldOutFraction} of each label is held out. */
    public Split split(double heldOutFraction, long seed) {
        List<LabelledEmail> train = new ArrayList<>();
        List<LabelledEmail> heldOut = new ArrayList<>();
        for (boolean spam : new boolean[] {false, true}) {
            List<LabelledEmail> label = new ArrayList<>(emails.stream().filter(e -> e.spam() == spam).toList());
            Collections.shuffle(label, new Random(seed + (spam ? 1 : 0)));
            int cut = (int) Math.round(label.size() * heldOutFraction);
            heldOut.addAll(label.subList(0, cut));
            train.addAll(label.subList(cut, label.size()));
        }
        return new Split(List.copyOf(train), List.copyOf(heldOut));
    }

    private static void write(PreparedCorpus corpus, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("dataHash", corpus.dataHash);
            header.put("extractionFailures", corpus.extractionFailures);
            out.write(json.writeValueAsString(header));
            out.write('\n');
            for (LabelledEmail email : corpus.emails) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("group", email.group());
                line.put("id", email.id());
                line.put("spam", email.spam());
                line.put("mediaType", email.content().mediaType());
                line.put("text", email.content().text());
                line.put("metadata", email.content().metadata());
                line.put("truncated", email.content().truncated());
                out.write(json.writeValueAsString(line));
                out.write('\n');
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static PreparedCorpus read(Path file, String dataHash) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            Map<String, Object> header = json.readValue(in.readLine(), Map.class);
            if (!dataHash.equals(header.get("dataHash"))) {
                throw new IOException(file + " was extracted from other data: delete it to extract again");
            }
            List<LabelledEmail> emails = new ArrayList<>();
            in.lines().forEach(line -> {
                try {
                    Map<String, Object> value = json.readValue(line, Map.class);
                    ExtractedContent content = new ExtractedContent((String) value.get("mediaType"),
                            (String) value.get("text"), Optional.empty(), List.of(),
                            (Map<String, List<String>>) value.get("metadata"), (Boolean) value.get("truncated"));
                    emails.add(new LabelledEmail((String) value.get("group"), (String) value.get("id"),
                            (Boolean) value.get("spam"), content));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new PreparedCorpus(emails, (Map<String, Integer>) header.get("extractionFailures"), dataHash);
        }
    }
}
