/**
 * Providers: transport for one upstream each ({@code cloudcode}, later gemini, vertex, codex, openaicompat,
 * anthropic): base URLs and endpoint fallback, headers, envelope, and classification of failures into typed
 * {@link dev.nexus.provider.Outcome}s. Blocking I/O on the JDK HttpClient, called from virtual threads; streams are
 * read incrementally and never buffered whole. Depends on {@code chat}, {@code dialect}, {@code secret},
 * {@code account} (for states only).
 */
package dev.nexus.provider;
