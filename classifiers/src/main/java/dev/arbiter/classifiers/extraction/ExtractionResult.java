package dev.arbiter.classifiers.extraction;

import dev.arbiter.classifiers.ExtractedContent;
import java.util.Objects;
import java.util.Optional;

/** Either the extracted content or a typed reason why there is none; extraction never throws for bad input. */
public sealed interface ExtractionResult permits ExtractionResult.Extracted, ExtractionResult.Failed {

    /** The content, when extraction succeeded. */
    Optional<ExtractedContent> content();

    record Extracted(ExtractedContent extracted) implements ExtractionResult {

        public Extracted {
            Objects.requireNonNull(extracted, "extracted");
        }

        @Override
        public Optional<ExtractedContent> content() {
            return Optional.of(extracted);
        }
    }

    /**
     * @param failure why the item could not be extracted
     * @param detail a one-line explanation for the moderator or the uploader
     * @param mediaType the detected media type, when detection got that far
     */
    record Failed(ExtractionFailure failure, String detail, Optional<String> mediaType) implements ExtractionResult {

        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(mediaType, "mediaType");
        }

        @Override
        public Optional<ExtractedContent> content() {
            return Optional.empty();
        }
    }
}
