/**
 * The OpenAI dialect. Chat Completions, both ways:
 * <ul>
 *   <li>as a front: {@link dev.nexus.dialect.openai.ChatCompletionsRequests#decode} turns a client body into a
 *       {@link dev.nexus.chat.ChatRequest} (or a {@link dev.nexus.dialect.DialectException} naming the bad field);
 *       {@link dev.nexus.dialect.openai.ChatCompletionsStreamWriter} writes the answer's events as
 *       {@code chat.completion.chunk} SSE and {@link dev.nexus.dialect.openai.ChatCompletionsResponses} as a
 *       {@code chat.completion} body;</li>
 *   <li>for OpenAI-compatible upstreams: {@link dev.nexus.dialect.openai.ChatCompletionsRequests#encode} writes the
 *       request and {@link dev.nexus.dialect.openai.ChatCompletionsEvents} reads chunks or a body back into events.</li>
 * </ul>
 * {@link dev.nexus.dialect.openai.OpenAiErrors} is the one error table for HTTP error bodies and in-stream error
 * chunks. The Responses API lives here too ({@code ResponsesRequests}, {@code ResponsesStreamWriter},
 * {@code ResponsesResponses}); web sources become {@code url_citation} annotations in both APIs ({@code UrlCitations}).
 *
 * <p>The Codex backend speaks Responses, so its codec lives here too: {@link dev.nexus.dialect.openai.CodexRequests}
 * encodes a canonical request as the Codex CLI would send it (encrypted reasoning with the {@code codex} signature
 * origin replayed, nothing else's), {@link dev.nexus.dialect.openai.CodexPassThrough} applies the backend's rules to a
 * client's Responses body and names the parameters it removed, {@link dev.nexus.dialect.openai.ResponsesEvents}
 * decodes the backend's SSE into events ({@code encrypted_content} becomes a {@code codex} signature, kept like a
 * thought signature), {@link dev.nexus.dialect.openai.ResponsesCollector} folds a relayed stream into one response,
 * and {@link dev.nexus.dialect.openai.CodexErrors} reads the backend's error bodies and in-stream errors.
 *
 * <p>Pure functions over records, plus writers and decoders that hold one response's state: those are used by one
 * thread at a time and are not shared. No I/O beyond {@link dev.nexus.dialect.SseSink}; depends on {@code chat} and
 * Jackson only.
 */
package dev.nexus.dialect.openai;
