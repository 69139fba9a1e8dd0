/**
 * Providers: transport for one upstream each ({@code cloudcode}, {@code gemini}, {@code vertex}, {@code codex},
 * {@code anthropic}, {@code openaicompat}): base URLs and endpoint fallback, headers, envelope, and classification of failures into typed
 * {@link dev.nexus.provider.Outcome}s. Besides canonical calls, a provider may take a client's body as it is:
 * {@link dev.nexus.provider.GeminiRelay} (Google's format), {@link dev.nexus.provider.ResponsesRelay} (OpenAI's
 * Responses, for an upstream that speaks it), {@link dev.nexus.provider.AnthropicRelay} (Anthropic Messages) and
 * {@link dev.nexus.provider.ChatCompletionsRelay} (OpenAI Chat Completions, for an OpenAI-compatible upstream).
 * Blocking I/O through upstream.UpstreamHttp, called from virtual threads; streams are
 * read incrementally and never buffered whole. Shared here: the one table of what a Google error answer means
 * ({@link dev.nexus.provider.GoogleFailures}, over {@link dev.nexus.provider.GoogleStatus} and
 * {@link dev.nexus.provider.GoogleRetryHints}), used by every Google provider and the key proxies and the key-injecting
 * pass-through relay ({@link dev.nexus.provider.RelayTransport}) that the Gemini API and Vertex are configurations of. Depends on {@code chat}, {@code dialect}, {@code secret},
 * {@code account} (for account states and API keys).
 */
package dev.nexus.provider;
