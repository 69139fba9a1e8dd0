/**
 * An in-process stand-in for Google: the OAuth endpoints (authorize, token, userinfo, revoke) and the
 * Cloud Code {@code v1internal} API, served together on one loopback port by {@link dev.nexus.fake.FakeGoogle};
 * and the key-based Gemini API ({@code /v1beta/models…}) with Vertex AI express mode
 * ({@code /v1/publishers/google/models/…}), served by {@link dev.nexus.fake.FakeGeminiApi}. Both share the scripted
 * {@link dev.nexus.fake.Reply} vocabulary and render it in each API's own shape. OpenAI's side of a ChatGPT login —
 * {@code auth.openai.com}'s OAuth for the Codex CLI's client (PKCE S256, rotating refresh tokens with reuse detection)
 * and the ChatGPT backend's Codex Responses endpoint (account header, usage windows and limits, Responses SSE) — is
 * {@link dev.nexus.fake.FakeOpenAi}, scripted with {@link dev.nexus.fake.CodexReply}. The Anthropic Messages API
 * ({@code POST /v1/messages}: keys, version header, models, signatures it issued, rate limits per key, overload, named
 * SSE events) is {@link dev.nexus.fake.FakeAnthropic}, scripted with {@link dev.nexus.fake.AnthropicReply}. An OpenAI-compatible upstream
 * (OpenRouter and the like: bearer keys, Chat Completions with SSE, per-key 429s) is
 * {@link dev.nexus.fake.FakeOpenAiCompat}, scripted with {@link dev.nexus.fake.CompatReply}.
 *
 * <p>Contract: the wire shapes (URLs, JSON envelopes, SSE framing, google.rpc.Status error bodies, OAuth
 * error bodies) follow the real services closely enough that the gateway's production HTTP code can be
 * pointed at it unchanged. Behaviour that tests need to steer — which user consents, which tokens are
 * expired or revoked, what a model replies, how a stream breaks — is set through methods on
 * {@code FakeGoogle} and its {@link dev.nexus.fake.Script}. Every request is recorded for assertions. Like Google,
 * the OAuth endpoints know their registered clients (the public Antigravity and Gemini CLI clients, and any a test
 * registers): an unknown client or wrong secret gets {@code invalid_client}, a refresh token used with another
 * client than the one it was issued to gets {@code unauthorized_client}.
 *
 * <p>Threading: each exchange runs on its own virtual thread. All knobs may be called from the test thread
 * while requests are in flight; state is kept in concurrent maps or immutable snapshots, and a knob takes
 * effect for requests that arrive after it returns.
 */
package dev.nexus.fake;
