package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.WebSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web search of a Responses answer, gathered for one {@link dev.nexus.chat.ChatEvent.Sources}: the queries of its
 * {@code web_search_call} items, and the {@code url_citation} annotations of its output text — each page once, in the
 * order first cited, each annotation a citation of its span moved from its text part into the whole answer text.
 * Annotations whose span does not fit their text are skipped.
 */
final class ResponsesSources {
    private final List<String> queries = new ArrayList<>();
    private final List<WebSources.Source> pages = new ArrayList<>();
    private final Map<String, Integer> byUrl = new HashMap<>();
    private final List<WebSources.Citation> citations = new ArrayList<>();

    /** A finished {@code web_search_call} item: its {@code action.query}, or its {@code action.queries}. */
    void search(JsonNode item) {
        JsonNode action = item.path("action");
        String query = action.path("query").asText("");
        if (!query.isEmpty()) {
            queries.add(query);
        }
        for (JsonNode more : action.path("queries")) {
            if (more.isTextual() && !more.textValue().equals(query)) {
                queries.add(more.textValue());
            }
        }
    }

    /** A finished {@code message} item whose text starts at {@code textFrom} in the answer text. */
    void message(JsonNode item, int textFrom) {
        int partFrom = textFrom;
        for (JsonNode part : item.path("content")) {
            String text = part.path(part.path("type").asText("").equals("refusal") ? "refusal" : "text").asText("");
            for (JsonNode annotation : part.path("annotations")) {
                cite(annotation, partFrom, text.length());
            }
            partFrom += text.length();
        }
    }

    private void cite(JsonNode annotation, int partFrom, int partLength) {
        String url = annotation.path("url").asText("");
        int start = annotation.path("start_index").asInt(-1);
        int end = annotation.path("end_index").asInt(-1);
        if (!annotation.path("type").asText("").equals("url_citation") || url.isEmpty() || start < 0 || end < start
                || end > partLength) {
            return;
        }
        Integer page = byUrl.get(url);
        if (page == null) {
            page = pages.size();
            byUrl.put(url, page);
            pages.add(new WebSources.Source(url, annotation.path("title").asText("")));
        }
        citations.add(new WebSources.Citation(partFrom + start, partFrom + end, List.of(page)));
    }

    /** What was gathered; empty when the answer cited no page. */
    Optional<WebSources> sources() {
        return pages.isEmpty() ? Optional.empty() : Optional.of(new WebSources(queries, pages, citations));
    }
}
