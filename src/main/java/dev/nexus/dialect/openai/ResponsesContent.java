package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import dev.nexus.chat.Part;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Responses message item's {@code content}: a string or typed parts. User content takes {@code input_text},
 * {@code input_image} and {@code input_file}; assistant content {@code output_text} and {@code refusal} (both text);
 * system and developer content text only. A {@code function_call_output}'s {@code output} is a string or user parts.
 */
final class ResponsesContent {
    private ResponsesContent() {}

    static List<Part> systemText(Field content) {
        return decode(content, part -> switch (type(part)) {
            case "input_text" -> text(part);
            default -> throw unsupported(part, "input_text");
        });
    }

    static List<Part> user(Field content) {
        return decode(content, ResponsesContent::userPart);
    }

    /** Assistant content: output_text (and input_text, which some clients replay) and refusals, all text; empty text is dropped. */
    static List<Part> assistant(Field content) {
        List<Part> parts = decode(content, part -> switch (type(part)) {
            case "output_text", "input_text" -> text(part);
            case "refusal" -> new Part.Text(part.get("refusal").string("set it to the refusal text"));
            default -> throw unsupported(part, "output_text or refusal");
        });
        return parts.stream().filter(p -> !(p instanceof Part.Text t && t.text().isEmpty())).toList();
    }

    /** A function_call_output's {@code output}: a string or an array of input parts. */
    static List<Part> output(Field output) {
        if (!output.present()) {
            throw output.invalid("required; set it to the function's result");
        }
        return user(output);
    }

    private static List<Part> decode(Field content, ContentDecoder.PartDecoder decoder) {
        return ContentDecoder.parts(content, decoder, "{\"type\": \"input_text\", \"text\": ...}");
    }

    private static Part userPart(Field part) {
        return switch (type(part)) {
            case "input_text" -> text(part);
            case "input_image" -> image(part);
            case "input_file" -> file(part);
            default -> throw unsupported(part, "input_text, input_image or input_file");
        };
    }

    private static String type(Field part) {
        return part.get("type").string("set it to the part type, e.g. \"input_text\"");
    }

    private static Part text(Field part) {
        return new Part.Text(part.get("text").string("set it to the text of this part"));
    }

    private static Part image(Field part) {
        if (part.get("file_id").present() && !part.get("image_url").present()) {
            throw part.get("file_id").invalid(
                    "uploaded file ids are not supported; send image_url as an https URL or data:<mime>;base64,...");
        }
        return MediaUrls.image(part.get("image_url"));
    }

    /** {@code file_data} (a data URL, or bare base64 typed by {@code filename}) or {@code file_url}. */
    private static Part file(Field part) {
        Optional<String> filename = part.get("filename").optString();
        Field url = part.get("file_url");
        if (url.present() && !part.get("file_data").present()) {
            String value = url.string("");
            String lower = value.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
                throw url.invalid("not an http(s) URL; send an https URL or file_data as data:<mime>;base64,<data>");
            }
            String mime = MediaUrls.guess(value).or(() -> filename.flatMap(MediaUrls::guess)).orElse("");
            return new Part.Media(mime, new Part.Source.Url(value), filename);
        }
        if (part.get("file_id").present() && !part.get("file_data").present()) {
            throw part.get("file_id").invalid(
                    "uploaded file ids are not supported; send the file inline as file_data (data:<mime>;base64,...)");
        }
        Field dataField = part.get("file_data");
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
