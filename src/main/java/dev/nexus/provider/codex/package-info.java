/**
 * The Codex provider ({@link dev.nexus.provider.codex.CodexProvider}): ChatGPT subscriptions served through the Codex backend
 * ({@code POST {NEXUS_CODEX_BASE_URL}/responses}, default {@code https://chatgpt.com/backend-api/codex}). The headers
 * the Codex CLI sends ({@link dev.nexus.provider.codex.CodexHeaders}), the backend's SSE read into canonical events
 * with failures classified into {@link dev.nexus.provider.Outcome}s ({@link dev.nexus.provider.codex.CodexStream},
 * {@link dev.nexus.provider.codex.CodexFailures}: usage limits cool the whole account, since Codex windows are per
 * account), the {@code x-codex-*} quota headers ({@link dev.nexus.provider.codex.CodexQuota}), the last windows seen per
 * account ({@link dev.nexus.provider.codex.CodexQuotaWindows}, recorded from every answer) and the backend's usage
 * endpoint ({@link dev.nexus.provider.codex.CodexUsage}). The provider serves canonical requests and relays Responses
 * bodies as they are ({@link dev.nexus.provider.ResponsesRelay}). The translation
 * rules (request bodies, pass-through rules, event decoding, error bodies) are the OpenAI dialect's
 * ({@code dialect.openai.Codex*}, {@code ResponsesEvents}). Depends on {@code chat}, {@code dialect}, {@code secret},
 * {@code account} (account states), {@code upstream} (the usage call) and {@code provider}.
 */
package dev.nexus.provider.codex;
