package dev.nexus.dialect.gemini;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** MIME types for media given by URL, which Gemini's {@code fileData} requires. */
final class MediaTypes {
    /** Used when neither the client nor the URL says: Gemini then sniffs or rejects, which is the honest outcome. */
    static final String UNKNOWN = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"), Map.entry("html", "text/html"), Map.entry("csv", "text/csv"),
            Map.entry("json", "application/json"), Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"),
            Map.entry("ogg", "audio/ogg"), Map.entry("flac", "audio/flac"), Map.entry("aac", "audio/aac"),
            Map.entry("m4a", "audio/mp4"), Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"), Map.entry("mpeg", "video/mpeg"));

    /** A {@code data:} URL split into its type and base64 payload. */
    record DataUrl(String mediaType, String base64) {}

    private MediaTypes() {}

    /** The given type if there is one, else a guess from the URL's extension, else {@link #UNKNOWN}. */
    static String of(String given, String url) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String path = url;
        int end = indexOfAny(path, '?', '#');
        if (end >= 0) {
            path = path.substring(0, end);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, UNKNOWN);
    }

    /** The parts of a base64 {@code data:} URL, or empty for any other URL. */
    static Optional<DataUrl> dataUrl(String url) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        int marker = url.lastIndexOf(";base64", comma);
        if (comma < 0 || marker < 0) {
            return Optional.empty();
        }
        String type = url.substring(5, marker);
        int parameters = type.indexOf(';');
        return Optional.of(new DataUrl(parameters < 0 ? type : type.substring(0, parameters), url.substring(comma + 1)));
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
