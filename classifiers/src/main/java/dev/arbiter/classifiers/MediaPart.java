package dev.arbiter.classifiers;

import java.util.Objects;

/**
 * One embedded or top-level media item (an image in an email, a picture in a PDF, an uploaded photo).
 *
 * @param name file name or resource name, as the container named it
 * @param mediaType detected media type
 * @param bytes raw bytes, bounded by the extraction limits
 */
public record MediaPart(String name, String mediaType, byte[] bytes) {

    public MediaPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isImage() {
        return mediaType.startsWith("image/");
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MediaPart part && part.name.equals(name) && part.mediaType.equals(mediaType)
                && java.util.Arrays.equals(part.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mediaType, java.util.Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "MediaPart[name=" + name + ", mediaType=" + mediaType + ", size=" + bytes.length + "]";
    }
}
