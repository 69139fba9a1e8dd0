/**
 * The canonical model: one lossless, dialect-neutral representation of a chat request ({@link dev.nexus.chat.ChatRequest})
 * and of its answer as a stream of {@link dev.nexus.chat.ChatEvent}s. A non-streaming answer is the fold of the same
 * events ({@link dev.nexus.chat.ChatResponse#collect}), so stream and non-stream never disagree.
 * Pure data and pure functions; depends on nothing but the JDK and Jackson's {@code JsonNode} (for JSON Schema
 * and raw JSON values). Every type is immutable and thread-safe.
 */
package dev.nexus.chat;
