/**
 * Google Cloud Code v1internal (the Antigravity upstream): envelope and request shape, endpoint fallback across
 * {@code NEXUS_CLOUDCODE_BASE_URLS}, SSE and unary answers decoded through the Gemini dialect, errors through
 * {@code provider.GoogleFailures}, each account's project ({@link dev.nexus.provider.cloudcode.CloudCodeProjects}: the
 * stored one, else discovered with loadCodeAssist/onboardUser, stored and cached) and the model list with quota. Blocking calls on virtual threads.
 */
package dev.nexus.provider.cloudcode;
