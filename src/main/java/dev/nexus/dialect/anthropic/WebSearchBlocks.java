package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.WebSources;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@link WebSources} in the shape of Anthropic's web search tool ({@code web_search_20250305}), for clients that offered
 * it: a {@code server_tool_use} block (id {@code srvtoolu_…}, name {@code web_search}, {@code input.query} the first
 * query) and a {@code web_search_tool_result} block listing the pages, then text split at citation boundaries, each
 * cited piece carrying {@code web_search_result_location} citations.
 *
 * <p>Google gives neither the page text nor Anthropic's encrypted fields: {@code cited_text} is the cited span of the
 * answer (the claim the page supports), and {@code encrypted_content} / {@code encrypted_index} are empty strings
 * (the SDKs require the fields; Nexus drops server-tool blocks when a client replays them, so nothing reads them).
 */
final class WebSearchBlocks {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private WebSearchBlocks() {}

    /** The tool call and its result; ids derive from the message id so a stream and its collected answer agree. */
    static List<ObjectNode> search(WebSources sources, String messageId) {
        String id = "srvtoolu_" + (messageId.startsWith("msg_") ? messageId.substring("msg_".length()) : messageId);
        ObjectNode use = JSON.objectNode().put("type", "server_tool_use").put("id", id).put("name", "web_search");
        use.putObject("input").put("query", sources.queries().isEmpty() ? "" : sources.queries().getFirst());
        use.putObject("caller").put("type", "direct");
        ObjectNode result = JSON.objectNode().put("type", "web_search_tool_result").put("tool_use_id", id);
        ArrayNode pages = result.putArray("content");
        for (WebSources.Source source : sources.sources()) {
            pages.addObject().put("type", "web_search_result").put("url", source.url()).put("title", source.title())
                    .put("encrypted_content", "").putNull("page_age");
        }
        result.putObject("caller").put("type", "direct");
        return List.of(use, result);
    }

    /**
     * The text block that holds characters {@code [from, from + text.length())} of the answer, as text blocks split
     * where a citation starts or ends; pieces under a citation carry it. Without citations in range it stays one block.
     */
    static List<ObjectNode> text(String text, int from, WebSources sources) {
        int to = from + text.length();
        TreeSet<Integer> cuts = new TreeSet<>(List.of(from, to));
        for (WebSources.Citation citation : sources.citations()) {
            if (citation.start() < to && citation.end() > from) {
                cuts.add(Math.max(citation.start(), from));
                cuts.add(Math.min(citation.end(), to));
            }
        }
        List<ObjectNode> blocks = new ArrayList<>();
        Integer start = cuts.pollFirst();
        for (int end : cuts) {
            if (end > start) {
                blocks.add(piece(text.substring(start - from, end - from), start, end, sources));
            }
            start = end;
        }
        return blocks.isEmpty() ? List.of(JSON.objectNode().put("type", "text").put("text", text)) : blocks;
    }

    private static ObjectNode piece(String text, int start, int end, WebSources sources) {
        ObjectNode block = JSON.objectNode().put("type", "text").put("text", text);
        ArrayNode citations = JSON.arrayNode();
        for (WebSources.Citation citation : sources.citations()) {
            if (citation.start() <= start && citation.end() >= end) {
                for (int position : citation.sources()) {
                    WebSources.Source source = sources.sources().get(position);
                    citations.addObject().put("type", "web_search_result_location").put("url", source.url())
                            .put("title", source.title()).put("cited_text", text).put("encrypted_index", "");
                }
            }
        }
        if (!citations.isEmpty()) {
            block.set("citations", citations);
        }
        return block;
    }

    /** {@code usage.server_tool_use}: one web search request per query Google ran (at least one). */
    static ObjectNode usage(WebSources sources) {
        return JSON.objectNode().put("web_search_requests", Math.max(1, sources.queries().size())).put("web_fetch_requests", 0);
    }
}
