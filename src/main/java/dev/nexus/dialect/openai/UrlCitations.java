package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.WebSources;

/**
 * {@link WebSources} as OpenAI {@code url_citation} annotations: one per (span, source) pair, in the upstream's order,
 * with {@code start_index}/{@code end_index} in UTF-16 units as OpenAI counts them. Sources no span cites have no
 * annotation (OpenAI's annotations are always anchored in the text); Responses lists every source in its
 * {@code web_search_call} item instead.
 */
final class UrlCitations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private UrlCitations() {}

    /** Chat Completions' nested shape, {@code {type, url_citation: {url, title, start_index, end_index}}}, over the whole answer. */
    static ArrayNode chat(WebSources sources) {
        ArrayNode out = JSON.arrayNode();
        for (WebSources.Citation citation : sources.citations()) {
            for (int position : citation.sources()) {
                ObjectNode annotation = out.addObject().put("type", "url_citation");
                annotation.set("url_citation", fields(sources.sources().get(position), citation.start(), citation.end()));
            }
        }
        return out;
    }

    /**
     * Responses' flat shape, {@code {type, url, title, start_index, end_index}}, for the text block that holds
     * characters {@code [from, to)} of the answer: spans are made relative to it and clipped to it; spans outside it
     * are left out.
     */
    static ArrayNode responses(WebSources sources, int from, int to) {
        ArrayNode out = JSON.arrayNode();
        for (WebSources.Citation citation : sources.citations()) {
            int start = Math.max(citation.start(), from);
            int end = Math.min(citation.end(), to);
            if (start >= end) {
                continue;
            }
            for (int position : citation.sources()) {
                out.addObject().put("type", "url_citation").setAll(fields(sources.sources().get(position), start - from, end - from));
            }
        }
        return out;
    }

    private static ObjectNode fields(WebSources.Source source, int start, int end) {
        return JSON.objectNode().put("url", source.url()).put("title", source.title()).put("start_index", start)
                .put("end_index", end);
    }
}
