package dev.nexus.front;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Usage;
import dev.nexus.dialect.gemini.UsageMetadata;
import dev.nexus.dialect.openai.ChatCompletionsEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last bytes of a relayed answer, kept while the answer passes, so the key proxies can report its tokens without
 * decoding it: Google writes {@code usageMetadata} near the end of a unary answer and in a stream's last chunk, OpenAI
 * compatible servers {@code usage} at the end of a body and in a stream's last chunks.
 * Only the counts are read, by pattern, then mapped as the Gemini dialect maps them.
 */
final class UsageTail {
    private static final int KEEP = 16 * 1024;
    private static final Pattern COUNT = Pattern.compile(
            "\"(promptTokenCount|candidatesTokenCount|thoughtsTokenCount|totalTokenCount|cachedContentTokenCount"
                    + "|toolUsePromptTokenCount)\"\\s*:\\s*(\\d{1,12})");

    private static final Pattern OPENAI_USAGE = Pattern.compile("\"usage\"\\s*:\\s*\\{");
    private static final ObjectMapper JSON = new ObjectMapper();

    private byte[] bytes;
    private int size;

    void add(byte[] data, int offset, int length) {
        if (bytes == null) {
            bytes = new byte[2 * KEEP];
        }
        if (length >= KEEP) {
            System.arraycopy(data, offset + length - KEEP, bytes, 0, KEEP);
            size = KEEP;
            return;
        }
        if (size + length > bytes.length) {
            int keep = KEEP - length;
            System.arraycopy(bytes, size - keep, bytes, 0, keep);
            size = keep;
        }
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
    }

    /** The counts of the last {@code usageMetadata} seen, if any. */
    Optional<Usage> usage() {
        if (bytes == null) {
            return Optional.empty();
        }
        String text = new String(bytes, 0, size, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("\"usageMetadata\"");
        int open = at < 0 ? -1 : text.indexOf('{', at);
        if (open < 0) {
            return Optional.empty();
        }
        Matcher m = COUNT.matcher(text.substring(open, objectEnd(text, open)));
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        while (m.find()) {
            metadata.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return metadata.isEmpty() ? Optional.empty() : Optional.of(UsageMetadata.usage(metadata));
    }

    /**
     * The counts of the last OpenAI {@code usage} object seen (a Chat Completions body, or a stream's usage chunk), if
     * any; read as the OpenAI dialect reads it.
     */
    Optional<Usage> openAiUsage() {
        if (bytes == null) {
            return Optional.empty();
        }
        String text = new String(bytes, 0, size, StandardCharsets.UTF_8);
        Matcher m = OPENAI_USAGE.matcher(text);
        int open = -1;
        while (m.find()) {
            open = m.end() - 1;
        }
        if (open < 0) {
            return Optional.empty();
        }
        try {
            ObjectNode holder = JsonNodeFactory.instance.objectNode();
            holder.set("usage", JSON.readTree(text.substring(open, objectEnd(text, open))));
            return ChatCompletionsEvents.usage(holder);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // cut off by the kept window, or not JSON: no counts rather than wrong ones
        }
    }

    /** Where the object opened at {@code open} ends (usageMetadata holds no strings with braces), or the text's end. */
    private static int objectEnd(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }
}
