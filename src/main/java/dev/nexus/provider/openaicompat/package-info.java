/**
 * OpenAI-compatible providers from the catalog (OpenRouter, NVIDIA, any server with {@code /chat/completions}):
 * {@link dev.nexus.provider.openaicompat.OpenAiCompatProvider} calls {@code {base_url}/chat/completions} with the
 * server key as a bearer token and the catalog's static headers ({@link dev.nexus.provider.openaicompat.CompatEndpoint}),
 * serving canonical requests through the OpenAI dialect and relaying OpenAI Chat Completions bodies as they are
 * ({@link dev.nexus.provider.ChatCompletionsRelay}); {@link dev.nexus.provider.openaicompat.CompatFailures} classifies
 * error answers into outcomes. Keys come from the gateway (one ring per provider). Depends on {@code chat},
 * {@code dialect}, {@code account} (account states), {@code io}, {@code upstream} and {@code provider}.
 */
package dev.nexus.provider.openaicompat;
