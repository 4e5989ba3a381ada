package dev.arbiter.classifiers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a classifier sees of one item: text, detected language, embedded media and metadata.
 *
 * @param mediaType detected media type of the item (for example {@code message/rfc822})
 * @param text extracted plain text, possibly truncated to the extraction limit
 * @param language ISO 639-1 code of the text's language, empty when unknown
 * @param mediaParts images and other media found in the item, in document order
 * @param metadata metadata names to their values, as the extractor reported them
 * @param truncated true when the text was cut at the extraction limit
 */
public record ExtractedContent(
        String mediaType,
        String text,
        Optional<String> language,
        List<MediaPart> mediaParts,
        Map<String, List<String>> metadata,
        boolean truncated) {

    public ExtractedContent {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        mediaParts = List.copyOf(mediaParts);
        metadata = Map.copyOf(metadata);
    }

    /** Plain text with no media and no metadata, as a chat message or a comment arrives. */
    public static ExtractedContent ofText(String text) {
        return new ExtractedContent("text/plain", text, Optional.empty(), List.of(), Map.of(), false);
    }

    public ExtractedContent withLanguage(String isoCode) {
        return new ExtractedContent(mediaType, text, Optional.ofNullable(isoCode), mediaParts, metadata, truncated);
    }

    /** First value of a metadata name, if any. */
    public Optional<String> metadataValue(String name) {
        List<String> values = metadata.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
