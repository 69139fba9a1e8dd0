package dev.nexus.selftest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One self-test request: a client surface, the provider that should answer it, and the smallest request that proves
 * the pair works.
 *
 * @param id the endpoint id: the Go original's {@code /api/test} id for a surface's own provider ({@code openai_chat},
 *     …), {@code <surface>@<provider>} for a surface reaching another provider through a route
 * @param surface the surface's id ({@code openai_chat}, …), the dashboard matrix's row
 * @param name what the dashboard shows for the surface
 * @param path the path probed on this server
 * @param model the model the request names
 * @param provider who should answer: {@code google} (the account pool), {@code gemini} or {@code vertex} (API keys);
 *     the matrix's column
 * @param body the JSON request body
 * @param headers headers beyond the client key and the content type
 * @param answerText the JSON pointers, tried in order, to the text of a successful answer
 * @param skip why the probe is not sent (the provider is off, or no route reaches it)
 */
public record Probe(
        String id,
        String surface,
        String name,
        String path,
        String model,
        String provider,
        String body,
        Map<String, String> headers,
        List<String> answerText,
        Optional<Skip> skip) {

    /** A probe not sent: a short code (as the Go original's) and what would turn it on. */
    public record Skip(String code, String reason) {}

    public Probe {
        headers = Map.copyOf(headers);
        answerText = List.copyOf(answerText);
    }
}
