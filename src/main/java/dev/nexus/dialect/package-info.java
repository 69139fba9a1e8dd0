/**
 * Dialects: one package per wire format ({@code openai}, {@code anthropic}, {@code gemini}), each written once and
 * used in both directions — as a front (client JSON to {@link dev.nexus.chat.ChatRequest}, events to client SSE/JSON)
 * and as a provider encoding (canonical to upstream JSON, upstream SSE to events). All schema cleaning, id mapping,
 * signature handling and finish-reason/usage mapping lives here. Pure functions and per-response writers, no I/O
 * beyond {@link dev.nexus.dialect.SseSink}; depends on {@code chat} and Jackson only.
 */
package dev.nexus.dialect;
