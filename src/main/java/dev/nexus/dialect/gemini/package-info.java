/**
 * The Gemini dialect — GenAI front; Cloud Code, Gemini API and Vertex upstreams — written once for both directions.
 *
 * <ul>
 *   <li>{@link dev.nexus.dialect.gemini.GeminiRequests#encode}: canonical request → GenerateContentRequest for a
 *       {@link dev.nexus.dialect.gemini.GeminiTarget} (contents, system instruction, tools with schemas cleaned by
 *       {@link dev.nexus.dialect.gemini.SchemaCleaner}, tool config, generation and thinking config), plus the
 *       {@link dev.nexus.dialect.gemini.ToolNames} that map client tool names to Gemini-safe ones. No envelope: the
 *       Cloud Code provider wraps the body.
 *   <li>{@link dev.nexus.dialect.gemini.GeminiRequests#decode}: a client's GenAI request (camelCase or snake_case)
 *       → canonical request; malformed input is a 400 {@link dev.nexus.dialect.DialectException}.
 *   <li>{@link dev.nexus.dialect.gemini.GeminiEventDecoder}: upstream response chunks → canonical events, Google
 *       Search grounding included ({@code GroundingMetadata}: UTF-8 byte spans → UTF-16 indexes).
 *   <li>{@link dev.nexus.dialect.gemini.GoogleErrors}: google.rpc.Status error bodies.
 *   <li>{@link dev.nexus.dialect.gemini.GeminiSize}: the size of a GenAI request relayed without decoding, for the
 *       per-request limits.
 * </ul>
 *
 * <p>Signatures: a thought signature is sent only to the origin that issued it; in the active tool loop a model turn
 * whose first call has none gets Gemini's documented bypass sentinel; client-supplied signatures are never replayed.
 *
 * <p>Every codec makes one pass over the request (no step copies or scans what came before for each new message,
 * part, tool or chunk), so its work grows linearly with the request.
 *
 * <p>Pure functions, plus decoders that are single-threaded and live for one response; no I/O. Depends on
 * {@code chat}, {@code dialect} and Jackson only.
 */
package dev.nexus.dialect.gemini;
