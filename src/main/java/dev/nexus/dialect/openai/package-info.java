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
 * <p>Pure functions over records, plus writers and decoders that hold one response's state: those are used by one
 * thread at a time and are not shared. No I/O beyond {@link dev.nexus.dialect.SseSink}; depends on {@code chat} and
 * Jackson only.
 */
package dev.nexus.dialect.openai;
