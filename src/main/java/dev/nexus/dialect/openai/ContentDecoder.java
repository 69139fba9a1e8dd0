package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import dev.nexus.chat.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message's {@code content}: a string, null, or an array of typed parts. Which part types are allowed depends on
 * the role: system text only; user and tool text and media; assistant text and refusals.
 */
final class ContentDecoder {
    private ContentDecoder() {}

    /** System and developer content: a string or text parts. */
    static List<Part> systemText(Field content) {
        return decode(content, part -> switch (type(part)) {
            case "text" -> text(part);
            default -> throw unsupported(part, "text");
        });
    }

    /** User and tool content: a string, null (no parts) or text, image_url, input_audio and file parts. */
    static List<Part> user(Field content) {
        return decode(content, part -> switch (type(part)) {
            case "text" -> text(part);
            case "image_url" -> image(part.get("image_url"));
            case "input_audio" -> audio(part.get("input_audio").object("send {\"data\": <base64>, \"format\": \"wav\"}"));
            case "file" -> file(part.get("file").object("send {\"file_data\": \"data:<mime>;base64,...\", \"filename\": ...}"));
            default -> throw unsupported(part, "text, image_url, input_audio or file");
        });
    }

    /** Assistant content: a string or text and refusal parts, all becoming text; empty strings carry nothing. */
    static List<Part> assistant(Field content) {
        List<Part> parts = decode(content, part -> switch (type(part)) {
            case "text" -> text(part);
            case "refusal" -> new Part.Text(part.get("refusal").string("set it to the refusal text"));
            default -> throw unsupported(part, "text or refusal");
        });
        return parts.stream().filter(p -> !(p instanceof Part.Text t && t.text().isEmpty())).toList();
    }

    /** Decodes one content part of a known kind. */
    interface PartDecoder {
        Part decode(Field part);
    }

    private static List<Part> decode(Field content, PartDecoder decoder) {
        return parts(content, decoder, "{\"type\": \"text\", \"text\": ...}");
    }

    /**
     * Content as OpenAI's APIs write it: a plain string (one text part) or an array of typed parts, each decoded by
     * {@code decoder}; absent content is no parts.
     *
     * @param example a part of this API, named in the message when an element is not an object
     */
    static List<Part> parts(Field content, PartDecoder decoder, String example) {
        if (!content.present()) {
            return List.of();
        }
        if (content.node().isTextual()) {
            return List.of(new Part.Text(content.node().textValue()));
        }
        if (!content.node().isArray()) {
            throw content.wrongType("a string or an array of content parts");
        }
        List<Part> parts = new ArrayList<>();
        for (Field part : content.optItems()) {
            parts.add(decoder.decode(part.object("send a content part such as " + example)));
        }
        return parts;
    }

    private static String type(Field part) {
        return part.get("type").string("set it to the part type, e.g. \"text\"");
    }

    private static Part text(Field part) {
        return new Part.Text(part.get("text").string("set it to the text of this part"));
    }

    /** {@code image_url} is normally {@code {"url": ...}}; a bare URL string is accepted too. */
    private static Part image(Field imageUrl) {
        if (imageUrl.present() && imageUrl.node().isTextual()) {
            return MediaUrls.image(imageUrl);
        }
        return MediaUrls.image(imageUrl.object("send {\"url\": \"https://...\"}").get("url"));
    }

    private static Part audio(Field audio) {
        String data = audio.get("data").string("set it to the base64-encoded audio");
        String format = audio.get("format").string("set it to the audio format, e.g. \"wav\" or \"mp3\"");
        return new Part.Media("audio/" + format, new Part.Source.Inline(data), Optional.empty());
    }

    private static Part file(Field file) {
        if (file.get("file_id").present()) {
            throw file.get("file_id").invalid(
                    "uploaded file ids are not supported; send the file inline as file_data (data:<mime>;base64,...)");
        }
        Optional<String> filename = file.get("filename").optString();
        Field dataField = file.get("file_data");
        String data = dataField.string("set it to the file as data:<mime>;base64,<data>");
        if (data.startsWith("data:")) {
            return MediaUrls.inline(data, dataField, filename);
        }
        String mime = filename.flatMap(MediaUrls::guess).orElse(MediaUrls.UNKNOWN_BINARY);
        return new Part.Media(mime, new Part.Source.Inline(data), filename);
    }

    private static RuntimeException unsupported(Field part, String allowed) {
        String type = part.get("type").node().asText();
        return part.get("type").invalid("unsupported content part type \"" + type + "\" here; use " + allowed);
    }
}
