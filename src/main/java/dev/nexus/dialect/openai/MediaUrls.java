package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import dev.nexus.chat.Part;
import dev.nexus.dialect.MediaTypes;
import java.util.Locale;
import java.util.Optional;

/**
 * Media references as Chat Completions writes them: {@code data:<mime>;base64,<data>} URLs for inline bytes, plain
 * http(s) URLs for remote ones (their type guessed from the file extension, empty when unknown).
 */
final class MediaUrls {
    static final String UNKNOWN_BINARY = MediaTypes.UNKNOWN;

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
        MediaTypes.DataUrl parsed = MediaTypes.parseDataUrl(dataUrl).orElseThrow(
                () -> where.invalid("only base64 data URLs are supported; send data:<mime>;base64,<data>"));
        String mime = parsed.mediaType();
        return new Part.Media(mime.isEmpty() ? UNKNOWN_BINARY : mime, new Part.Source.Inline(parsed.base64()), filename);
    }

    static String dataUrl(String mediaType, String base64) {
        return MediaTypes.dataUrl(mediaType, base64);
    }

    /** The media type implied by the extension of a URL path or file name, ignoring any query or fragment. */
    static Optional<String> guess(String urlOrName) {
        return MediaTypes.guess(urlOrName);
    }
}
