package dev.nexus.chat;

import java.util.List;

/**
 * The web pages an answer drew on, found by the upstream's own search (Google Search grounding), and which spans of the
 * answer each page supports. Dialects render it as their clients expect: OpenAI {@code url_citation} annotations,
 * Anthropic web search blocks and text citations.
 *
 * @param queries the searches the upstream ran, in its order
 * @param sources the pages, in the upstream's order; citations refer to them by position
 * @param citations the spans of the answer that the sources support, in the upstream's order
 */
public record WebSources(List<String> queries, List<Source> sources, List<Citation> citations) {

    public WebSources {
        queries = List.copyOf(queries);
        sources = List.copyOf(sources);
        citations = List.copyOf(citations);
    }

    /** @param title the page's title as the upstream gave it (often the site's domain); may be empty */
    public record Source(String url, String title) {}

    /**
     * A span of the answer text and the sources that support it.
     *
     * @param start the first character, as a UTF-16 index (a Java string index, which is what OpenAI's
     *     {@code start_index} counts) into the answer text: the text of all Text blocks joined in index order
     * @param end the index just after the span's last character
     * @param sources positions in {@link WebSources#sources()}, each valid
     */
    public record Citation(int start, int end, List<Integer> sources) {
        public Citation {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("citation span [" + start + ", " + end + ") is not a span");
            }
            sources = List.copyOf(sources);
        }
    }
}
