package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.WebSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A candidate's {@code groundingMetadata} (Google Search grounding) → {@link WebSources}. One instance per answer:
 * {@link #add} each chunk's metadata as it comes, then {@link #sources} once with the whole answer text.
 *
 * <ul>
 *   <li>{@code webSearchQueries} of every chunk are kept, in order, without repeats; {@code groundingChunks} and
 *       {@code groundingSupports} are read from the last chunk that lists sources, because supports index into the
 *       chunks of their own metadata. Chunks without a {@code web} page (retrieved context, maps) are left out.</li>
 *   <li>A support's {@code segment.startIndex}/{@code endIndex} count UTF-8 bytes of the answer text (Gemini API
 *       and Vertex document them as bytes; they match Python string indexes only for ASCII). They become UTF-16
 *       indexes, which OpenAI's {@code start_index}/{@code end_index} count. When the segment carries its
 *       {@code text} and the byte span does not hold it (offsets relative to one part of several, or counted in
 *       characters), the text is looked up in the answer instead; a span found neither way is dropped.</li>
 * </ul>
 */
final class GroundingMetadata {
    private final Set<String> queries = new LinkedHashSet<>();
    private JsonNode last;

    void add(JsonNode metadata) {
        if (!metadata.isObject()) {
            return;
        }
        for (JsonNode query : Wire.field(metadata, "webSearchQueries")) {
            if (query.isTextual() && !query.textValue().isBlank()) {
                queries.add(query.textValue());
            }
        }
        if (Wire.field(metadata, "groundingChunks").size() > 0) {
            last = metadata;
        }
    }

    /** The sources of the answer whose (non-thought) text is {@code answer}; empty when the upstream did not search. */
    Optional<WebSources> sources(String answer) {
        if (queries.isEmpty() && last == null) {
            return Optional.empty();
        }
        List<WebSources.Source> sources = new ArrayList<>();
        Map<Integer, Integer> positions = new HashMap<>();
        List<WebSources.Citation> citations = new ArrayList<>();
        if (last != null) {
            int index = 0;
            for (JsonNode chunk : Wire.field(last, "groundingChunks")) {
                JsonNode web = Wire.field(chunk, "web");
                String url = Wire.text(web, "uri");
                if (!url.isEmpty()) {
                    positions.put(index, sources.size());
                    sources.add(new WebSources.Source(url, Wire.text(web, "title")));
                }
                index++;
            }
            for (JsonNode support : Wire.field(last, "groundingSupports")) {
                citation(support, positions, answer).ifPresent(citations::add);
            }
        }
        return Optional.of(new WebSources(List.copyOf(queries), sources, citations));
    }

    private static Optional<WebSources.Citation> citation(JsonNode support, Map<Integer, Integer> positions, String answer) {
        List<Integer> cited = new ArrayList<>();
        for (JsonNode index : Wire.field(support, "groundingChunkIndices")) {
            Integer position = positions.get(index.asInt(-1));
            if (position != null && !cited.contains(position)) {
                cited.add(position);
            }
        }
        if (cited.isEmpty()) {
            return Optional.empty();
        }
        return span(Wire.field(support, "segment"), answer).map(span -> new WebSources.Citation(span.start(), span.end(), cited));
    }

    /** UTF-16 indexes into the answer, end exclusive. */
    private record Span(int start, int end) {}

    /** The segment as a span of {@code answer}, or empty when it cannot be placed. */
    private static Optional<Span> span(JsonNode segment, String answer) {
        // startIndex is omitted when it is 0 (proto3 JSON leaves out default values).
        int startByte = Wire.field(segment, "startIndex").asInt(0);
        int endByte = Wire.field(segment, "endIndex").asInt(-1);
        String text = Wire.text(segment, "text");
        int start = utf16Index(answer, startByte);
        int end = utf16Index(answer, endByte);
        boolean placed = start >= 0 && end >= start;
        if (text.isEmpty()) {
            return placed ? Optional.of(new Span(start, end)) : Optional.empty();
        }
        if (placed && answer.startsWith(text, start) && end - start == text.length()) {
            return Optional.of(new Span(start, end));
        }
        // Offsets counted in characters rather than bytes, then anywhere the text occurs (offsets into one part).
        if (endByte <= answer.length() && startByte >= 0 && answer.startsWith(text, startByte)) {
            return Optional.of(new Span(startByte, startByte + text.length()));
        }
        int found = answer.indexOf(text);
        return found >= 0 ? Optional.of(new Span(found, found + text.length())) : Optional.empty();
    }

    /**
     * {@link WebSources} → a candidate's {@code groundingMetadata}, the inverse of {@link #sources}: the queries, each
     * source a {@code web} grounding chunk, each citation a support whose segment counts UTF-8 bytes of
     * {@code answer} and carries the span's text.
     */
    static ObjectNode write(WebSources web, String answer) {
        ObjectNode metadata = Wire.object();
        ArrayNode queries = metadata.putArray("webSearchQueries");
        web.queries().forEach(queries::add);
        ArrayNode chunks = metadata.putArray("groundingChunks");
        for (WebSources.Source source : web.sources()) {
            chunks.addObject().putObject("web").put("uri", source.url()).put("title", source.title());
        }
        ArrayNode supports = metadata.putArray("groundingSupports");
        Map<Integer, Integer> bytes = utf8Offsets(answer, web.citations());
        for (WebSources.Citation citation : web.citations()) {
            if (citation.end() > answer.length()) {
                continue;
            }
            ObjectNode support = supports.addObject();
            support.putObject("segment").put("startIndex", bytes.get(citation.start())).put("endIndex", bytes.get(citation.end()))
                    .put("text", answer.substring(citation.start(), citation.end()));
            ArrayNode indices = support.putArray("groundingChunkIndices");
            citation.sources().forEach(indices::add);
        }
        return metadata;
    }

    /**
     * The UTF-8 byte offset of every citation boundary in {@code text}, found in one pass over the text (boundaries
     * sorted first), so many citations of a long answer cost no more than the answer's length.
     */
    private static Map<Integer, Integer> utf8Offsets(String text, List<WebSources.Citation> citations) {
        java.util.TreeSet<Integer> boundaries = new java.util.TreeSet<>();
        for (WebSources.Citation citation : citations) {
            if (citation.end() <= text.length()) {
                boundaries.add(citation.start());
                boundaries.add(citation.end());
            }
        }
        Map<Integer, Integer> offsets = new HashMap<>();
        int i = 0;
        int bytes = 0;
        for (int boundary : boundaries) {
            while (i < boundary) {
                int codePoint = text.codePointAt(i);
                bytes += utf8Length(codePoint);
                i += Character.charCount(codePoint);
            }
            offsets.put(boundary, bytes);
        }
        return offsets;
    }

    /**
     * The UTF-16 index of the character that starts at UTF-8 byte {@code byteOffset} of {@code text} ({@code length()}
     * at its end), or -1 when the offset is negative, past the end or inside a character.
     */
    static int utf16Index(String text, int byteOffset) {
        if (byteOffset < 0) {
            return -1;
        }
        int bytes = 0;
        int i = 0;
        while (bytes < byteOffset && i < text.length()) {
            int codePoint = text.codePointAt(i);
            bytes += utf8Length(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes == byteOffset ? i : -1;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
