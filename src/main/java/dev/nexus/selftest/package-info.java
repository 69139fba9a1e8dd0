/**
 * The self-test: one tiny request to each client surface of this running server (OpenAI chat and Responses, Anthropic
 * Messages, GenAI, the Gemini API and Vertex key proxies), sent over real HTTP with the server's in-memory self-test
 * key, so it passes every filter, route and upstream a client's request would. Used by the admin API's
 * {@code /api/test}, the dashboard's test matrix and {@code nexus doctor}.
 *
 * <p>Depends on {@code upstream} for the HTTP client and on Jackson; nothing here knows the dialect codecs beyond the
 * few JSON paths that hold an answer's text.
 */
package dev.nexus.selftest;
