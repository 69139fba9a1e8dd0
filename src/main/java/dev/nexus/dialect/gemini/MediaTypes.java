package dev.nexus.dialect.gemini;

import java.util.Optional;

/** MIME types for media given by URL, which Gemini's {@code fileData} requires. */
final class MediaTypes {
    static final String UNKNOWN = dev.nexus.dialect.MediaTypes.UNKNOWN;

    /** A {@code data:} URL split into its type and base64 payload. */
    record DataUrl(String mediaType, String base64) {}

    private MediaTypes() {}

    /** The given type if there is one, else a guess from the URL's extension, else {@link #UNKNOWN}. */
    static String of(String given, String url) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        return dev.nexus.dialect.MediaTypes.guess(url).orElse(UNKNOWN);
    }

    /** The parts of a base64 {@code data:} URL, or empty for any other URL. */
    static Optional<DataUrl> dataUrl(String url) {
        return dev.nexus.dialect.MediaTypes.parseDataUrl(url).map(d -> new DataUrl(d.mediaType(), d.base64()));
    }
}
