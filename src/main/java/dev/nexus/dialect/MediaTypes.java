package dev.nexus.dialect;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Media types of files named by URL or file name, and {@code data:} URLs, as every dialect reads and writes them. */
public final class MediaTypes {
    /** Used when nothing says what the bytes are: upstreams then sniff or reject, which is the honest outcome. */
    public static final String UNKNOWN = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"), Map.entry("html", "text/html"), Map.entry("csv", "text/csv"),
            Map.entry("json", "application/json"), Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"),
            Map.entry("ogg", "audio/ogg"), Map.entry("flac", "audio/flac"), Map.entry("aac", "audio/aac"),
            Map.entry("m4a", "audio/mp4"), Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"), Map.entry("mpeg", "video/mpeg"));

    private MediaTypes() {}

    /** A base64 {@code data:} URL split into its media type (empty when absent) and payload. */
    public record DataUrl(String mediaType, String base64) {}

    /** The media type implied by the extension of a URL path or file name, ignoring any query or fragment. */
    public static Optional<String> guess(String urlOrName) {
        String path = urlOrName.split("[?#]", 2)[0];
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The parts of a base64 {@code data:} URL, or empty for any other text (including non-base64 data URLs). */
    public static Optional<DataUrl> parseDataUrl(String url) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            return Optional.empty();
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        String header = url.substring(5, comma);
        if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return Optional.empty();
        }
        int parameters = header.indexOf(';');
        return Optional.of(new DataUrl(header.substring(0, parameters).trim(), url.substring(comma + 1)));
    }

    public static String dataUrl(String mediaType, String base64) {
        return "data:" + (mediaType.isEmpty() ? UNKNOWN : mediaType) + ";base64," + base64;
    }
}
