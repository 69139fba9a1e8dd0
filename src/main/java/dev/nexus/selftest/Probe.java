package dev.nexus.selftest;

import java.util.Map;
import java.util.Optional;

/**
 * One self-test request: the surface it exercises and the smallest request that proves the surface answers.
 *
 * @param id the endpoint id of the Go original's {@code /api/test} ({@code openai_chat}, …)
 * @param name what the dashboard shows
 * @param path the path probed on this server
 * @param model the model the request names
 * @param provider who should answer: {@code google} (the account pool), {@code gemini} or {@code vertex} (key proxies)
 * @param body the JSON request body
 * @param headers headers beyond the client key and the content type
 * @param answerText the JSON pointers, tried in order, to the text of a successful answer
 * @param skip why the probe is not sent (its surface is off), as {@code code: explanation}
 */
public record Probe(
        String id,
        String name,
        String path,
        String model,
        String provider,
        String body,
        Map<String, String> headers,
        java.util.List<String> answerText,
        Optional<Skip> skip) {

    /** A probe not sent: a short code (as the Go original's) and what would turn the surface on. */
    public record Skip(String code, String reason) {}

    public Probe {
        headers = Map.copyOf(headers);
        answerText = java.util.List.copyOf(answerText);
    }
}
