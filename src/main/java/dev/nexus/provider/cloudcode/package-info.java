/**
 * Google Cloud Code v1internal (the Antigravity upstream): envelope and request shape, endpoint fallback across
 * {@code NEXUS_CLOUDCODE_BASE_URLS}, SSE and unary answers decoded through the Gemini dialect, error classification,
 * project discovery (loadCodeAssist, onboardUser) and the model list with quota. Blocking calls on virtual threads.
 */
package dev.nexus.provider.cloudcode;
