/**
 * The Anthropic Messages dialect, both ways:
 * <ul>
 *   <li>as a front: {@link dev.nexus.dialect.anthropic.AnthropicRequests#decode} (or {@code decodeWithNotes}, which
 *       also says which server tools were dropped) turns a client body into a {@link dev.nexus.chat.ChatRequest} or
 *       a {@link dev.nexus.dialect.DialectException} naming the bad field;
 *       {@link dev.nexus.dialect.ThinkingReplay#safeFor} strips thinking the chosen upstream cannot verify;
 *       {@link dev.nexus.dialect.anthropic.AnthropicStreamWriter} writes the answer's events as Anthropic SSE and
 *       {@link dev.nexus.dialect.anthropic.AnthropicResponses} as a {@code message} body;</li>
 *   <li>for an Anthropic upstream: {@link dev.nexus.dialect.anthropic.AnthropicRequests#encode} writes the request
 *       and {@link dev.nexus.dialect.anthropic.AnthropicEvents} reads its SSE or body back into events.</li>
 * </ul>
 * {@link dev.nexus.dialect.anthropic.AnthropicErrors} is the one error table for HTTP error bodies and in-stream
 * {@code error} events. Reasoning signatures leave and come back through one envelope
 * ({@code nx1.<origin>.<value>}, see {@code SignatureEnvelope}), so a signature Nexus got from Cloud Code is
 * replayed to Cloud Code only, and one from Anthropic to Anthropic only. Web sources become web search tool blocks
 * and text citations ({@code WebSearchBlocks}) when the client offered the web search tool.
 *
 * <p>Pure functions over records, plus writers and decoders that hold one response's state: those are used by one
 * thread at a time and are not shared. No I/O beyond {@link dev.nexus.dialect.SseSink}; depends on {@code chat} and
 * Jackson only.
 */
package dev.nexus.dialect.anthropic;
