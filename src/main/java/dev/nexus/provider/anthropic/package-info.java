/**
 * Anthropic-format upstreams (the built-in {@code anthropic}, and catalog providers that speak Anthropic Messages):
 * {@link dev.nexus.provider.anthropic.AnthropicProvider} sends {@code POST {base}/v1/messages} with {@code x-api-key}
 * and {@code anthropic-version}, canonical requests through the Anthropic dialect and Anthropic clients' bodies as they
 * are ({@link dev.nexus.provider.AnthropicRelay}); {@code AnthropicFailures} classifies what the upstream refuses into
 * {@link dev.nexus.provider.Outcome}s. No retries, no key choice: the gateway leases a key from the provider's ring for
 * each call. Blocking I/O on virtual threads through {@code upstream.UpstreamHttp}; streams are read incrementally.
 * Depends on {@code chat}, {@code dialect}, {@code provider}, {@code account} (key states) and {@code upstream}.
 */
package dev.nexus.provider.anthropic;
