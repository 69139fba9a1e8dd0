package dev.nexus.dialect.openai;

import dev.nexus.chat.Part;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Media references as Chat Completions writes them: {@code data:<mime>;base64,<data>} URLs for inline bytes, plain
 * http(s) URLs for remote ones (their type guessed from the file extension, empty when unknown).
 */
final class MediaUrls {
    static final String UNKNOWN_BINARY = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("mp3", "audio/mp3"), Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"));

    private MediaUrls() {}

    /** Decodes an image URL: a base64 data URL becomes inline media, an http(s) URL a reference. */
    static Part.Media image(Field url) {
        String value = url.string("set it to an https URL or a data: URL such as data:image/png;base64,...");
        if (value.startsWith("data:")) {
            return inline(value, url, Optional.empty());
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return new Part.Media(guess(value).orElse(""), new Part.Source.Url(value), Optional.empty());
        }
        throw url.invalid("not an http(s) or data: URL; send an https URL or data:<mime>;base64,<data>");
    }

    /** Decodes a {@code data:<mime>;base64,<data>} URL; the media type defaults to {@value #UNKNOWN_BINARY}. */
    static Part.Media inline(String dataUrl, Field where, Optional<String> filename) {
        int comma = dataUrl.indexOf(',');
        String header = comma < 0 ? "" : dataUrl.substring("data:".length(), comma);
        if (!header.endsWith(";base64")) {
            throw where.invalid("only base64 data URLs are supported; send data:<mime>;base64,<data>");
        }
        int semicolon = header.indexOf(';');
        String mime = header.substring(0, semicolon).trim();
        return new Part.Media(mime.isEmpty() ? UNKNOWN_BINARY : mime, new Part.Source.Inline(dataUrl.substring(comma + 1)),
                filename);
    }

    static String dataUrl(String mediaType, String base64) {
        return "data:" + (mediaType.isEmpty() ? UNKNOWN_BINARY : mediaType) + ";base64," + base64;
    }

    /** The media type implied by the extension of a URL path or file name, ignoring any query or fragment. */
    static Optional<String> guess(String urlOrName) {
        String path = urlOrName.split("[?#]", 2)[0];
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
