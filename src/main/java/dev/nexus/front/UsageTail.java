package dev.nexus.front;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Usage;
import dev.nexus.dialect.gemini.UsageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last bytes of a relayed Gemini answer, kept while the answer passes, so the key proxies can report its tokens
 * without decoding it: Google writes {@code usageMetadata} near the end of a unary answer and in a stream's last chunk.
 * Only the counts are read, by pattern, then mapped as the Gemini dialect maps them.
 */
final class UsageTail {
    private static final int KEEP = 16 * 1024;
    private static final Pattern COUNT = Pattern.compile(
            "\"(promptTokenCount|candidatesTokenCount|thoughtsTokenCount|totalTokenCount|cachedContentTokenCount"
                    + "|toolUsePromptTokenCount)\"\\s*:\\s*(\\d{1,12})");

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
