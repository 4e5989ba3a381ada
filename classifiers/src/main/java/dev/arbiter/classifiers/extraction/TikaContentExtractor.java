package dev.arbiter.classifiers.extraction;

import dev.arbiter.classifiers.ExtractedContent;
import dev.arbiter.classifiers.MediaPart;
import dev.arbiter.classifiers.language.LanguageIdentifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts text, metadata, media parts and language from any file Apache Tika can read, within
 * {@link ExtractionLimits}. The media type is detected from the content; the file name is only a hint.
 * Thread-safe: one instance serves all callers.
 */
public final class TikaContentExtractor implements AutoCloseable {

    /** Metadata name under which the count of embedded documents that could not be read is reported. */
    public static final String EMBEDDED_FAILURES = "arbiter:embedded-failures";

    private final ExtractionLimits limits;
    private final Optional<LanguageIdentifier> languages;
    private final Parser parser;
    private final Detector detector;
    private final ExecutorService workers;

    public TikaContentExtractor(ExtractionLimits limits, Optional<LanguageIdentifier> languages) {
        this.limits = limits;
        this.languages = languages;
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.parser = new AutoDetectParser(config);
        this.detector = config.getDetector();
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tika-extraction-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /** Reads at most {@code maxBytes + 1} bytes of the stream, then extracts. The caller closes the stream. */
    public ExtractionResult extract(InputStream input, String fileName) {
        byte[] bytes;
        try {
            bytes = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
        } catch (IOException e) {
            return failed(ExtractionFailure.UNREADABLE, "input could not be read: " + e.getMessage(), null);
        }
        return extract(bytes, fileName);
    }

    public ExtractionResult extract(byte[] bytes, String fileName) {
        if (bytes.length == 0) {
            return failed(ExtractionFailure.EMPTY, "the file is empty", null);
        }
        if (bytes.length > limits.maxBytes()) {
            return failed(ExtractionFailure.TOO_LARGE,
                    "larger than the limit of " + limits.maxBytes() + " bytes", null);
        }
        Future<ExtractionResult> job = workers.submit(() -> parse(bytes, fileName == null ? "" : fileName));
        try {
            return job.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            return failed(ExtractionFailure.TIMEOUT, "extraction took longer than " + limits.timeout(), null);
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            return failed(ExtractionFailure.TIMEOUT, "extraction was interrupted", null);
        } catch (ExecutionException e) {
            return failed(ExtractionFailure.CORRUPT, "extraction failed: " + describe(e.getCause()), null);
        }
    }

    private ExtractionResult parse(byte[] bytes, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        String mediaType = detect(bytes, metadata);
        Budget budget = new Budget(limits, bytes.length);
        if (mediaType.startsWith("image/")) {
            budget.mediaParts.add(new MediaPart(fileName.isBlank() ? "upload" : fileName, mediaType, bytes));
        }
        WriteOutContentHandler text = new WriteOutContentHandler(limits.maxTextChars());
        boolean truncated = false;
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        context.set(EmbeddedDocumentExtractor.class, new BoundedEmbeddedExtractor(budget, context));
        try (TikaInputStream stream = TikaInputStream.get(bytes, metadata)) {
            SecureContentHandler secure = new SecureContentHandler(new BodyContentHandler(text), stream);
            secure.setMaximumCompressionRatio(limits.maxCompressionRatio());
            secure.setMaximumDepth(200);
            secure.setMaximumPackageEntryDepth(limits.maxNestingDepth() * 2);
            try {
                parser.parse(stream, secure, metadata, context);
            } catch (SAXException e) {
                if (WriteLimitReachedException.isWriteLimitReached(e)) {
                    truncated = true;
                } else {
                    secure.throwIfCauseOf(e);
                    throw e;
                }
            }
        } catch (ZeroByteFileException e) {
            return failed(ExtractionFailure.EMPTY, "the file is empty", mediaType);
        } catch (EncryptedDocumentException e) {
            return failed(ExtractionFailure.ENCRYPTED, "the file is encrypted or password-protected", mediaType);
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            if (budget.breach != null) {
                return failed(budget.breach, budget.breachDetail, mediaType);
            }
            if (causedBy(e, EncryptedDocumentException.class)) {
                return failed(ExtractionFailure.ENCRYPTED, "the file is encrypted or password-protected", mediaType);
            }
            if (describe(e).toLowerCase().contains("zip bomb")) {
                return failed(ExtractionFailure.ZIP_BOMB, "the file expands far beyond its size", mediaType);
            }
            return failed(ExtractionFailure.CORRUPT, "the file could not be read as " + mediaType + ": "
                    + describe(e), mediaType);
        }
        if (budget.breach != null) {
            return failed(budget.breach, budget.breachDetail, mediaType);
        }
        if (budget.embeddedFailures > 0) {
            metadata.set(EMBEDDED_FAILURES, Integer.toString(budget.embeddedFailures));
        }
        String body = text.toString().strip();
        Optional<String> language = languages.flatMap(identifier -> identifier.identify(body))
                .map(LanguageIdentifier.LanguageGuess::isoCode);
        return new ExtractionResult.Extracted(new ExtractedContent(mediaType, body, language,
                budget.mediaParts, toMap(metadata), truncated));
    }

    private String detect(byte[] bytes, Metadata metadata) throws IOException {
        try (TikaInputStream stream = TikaInputStream.get(bytes)) {
            return detector.detect(stream, metadata).getBaseType().toString();
        }
    }

    private static Map<String, List<String>> toMap(Metadata metadata) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : metadata.names()) {
            values.put(name, List.copyOf(Arrays.asList(metadata.getValues(name))));
        }
        return values;
    }

    private static ExtractionResult failed(ExtractionFailure failure, String detail, String mediaType) {
        return new ExtractionResult.Failed(failure, detail, Optional.ofNullable(mediaType));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < 300; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** What one extraction has consumed so far, and the first limit it broke. */
    private static final class Budget {
        private final ExtractionLimits limits;
        private final long inputBytes;
        private final List<MediaPart> mediaParts = new ArrayList<>();
        private int depth = 1;
        private int parts;
        private long expandedBytes;
        private int embeddedFailures;
        private ExtractionFailure breach;
        private String breachDetail;

        Budget(ExtractionLimits limits, long inputBytes) {
            this.limits = limits;
            this.inputBytes = inputBytes;
        }

        void breach(ExtractionFailure failure, String detail) {
            if (breach == null) {
                breach = failure;
                breachDetail = detail;
            }
        }

        long remainingExpansion() {
            long byRatio = Math.max(1024L * 1024, inputBytes * limits.maxCompressionRatio());
            return Math.min(limits.maxExpandedBytes(), byRatio) - expandedBytes;
        }
    }

    /** Parses embedded documents recursively like Tika's default, but counts depth, parts and expanded bytes. */
    private final class BoundedEmbeddedExtractor implements EmbeddedDocumentExtractor {
        private final Budget budget;
        private final ParseContext context;

        BoundedEmbeddedExtractor(Budget budget, ParseContext context) {
            this.budget = budget;
            this.context = context;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return budget.breach == null;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws SAXException, IOException {
            if (budget.breach != null) {
                throw new SAXException("extraction limit already broken: " + budget.breachDetail);
            }
            if (++budget.parts > limits.maxEmbeddedParts()) {
                budget.breach(ExtractionFailure.ZIP_BOMB, "more than " + limits.maxEmbeddedParts()
                        + " embedded documents");
                throw new SAXException(budget.breachDetail);
            }
            if (budget.depth + 1 > limits.maxNestingDepth()) {
                budget.breach(ExtractionFailure.NESTED_TOO_DEEP, "containers nested deeper than "
                        + limits.maxNestingDepth() + " levels");
                throw new SAXException(budget.breachDetail);
            }
            long allowance = budget.remainingExpansion();
            byte[] bytes = readAtMost(stream, allowance);
            budget.expandedBytes += bytes.length;
            if (bytes.length > allowance) {
                budget.breach(ExtractionFailure.ZIP_BOMB, "embedded documents expand beyond "
                        + (budget.expandedBytes - bytes.length + allowance) + " bytes");
                throw new SAXException(budget.breachDetail);
            }
            String name = Optional.ofNullable(metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY))
                    .orElse("embedded-" + budget.parts);
            String type = detect(bytes, metadata);
            if (type.startsWith("image/") && bytes.length <= limits.maxMediaPartBytes()) {
                budget.mediaParts.add(new MediaPart(name, type, bytes));
                return;
            }
            budget.depth++;
            try (TikaInputStream embedded = TikaInputStream.get(bytes)) {
                parser.parse(embedded, new EmbeddedContentHandler(new BodyContentHandler(handler)), metadata,
                        context);
            } catch (TikaException e) {
                if (budget.breach != null) {
                    throw new SAXException(budget.breachDetail, e);
                }
                budget.embeddedFailures++;
            } catch (SAXException e) {
                if (budget.breach != null || WriteLimitReachedException.isWriteLimitReached(e)) {
                    throw e;
                }
                budget.embeddedFailures++;
            } finally {
                budget.depth--;
            }
        }

        private static byte[] readAtMost(InputStream stream, long allowance) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long limit = Math.min(allowance + 1, Integer.MAX_VALUE - 8);
            for (int n = stream.read(buffer); n > 0; n = stream.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() >= limit) {
                    break;
                }
            }
            return out.toByteArray();
        }
    }
}
