/**
 * The gateway: resolves the client model through the model routes and the live model catalog, asks the provider's
 * {@link dev.nexus.account.CredentialSource} (an account pool or a key ring, it does not ask which) for credentials,
 * calls the provider, and decides — in its one loop, {@link dev.nexus.gateway.Failover}, and nowhere else — what a
 * failure means (refresh and retry, rest the credential and try the next, the route's fallback, or an error event for
 * the client). {@link dev.nexus.gateway.CatalogAccounts} narrows the Google accounts to those whose Cloud Code model
 * list has the model. Also restores tool-call signatures for clients that cannot carry them (kept in a
 * {@link dev.nexus.gateway.SignatureRepository}, so any instance on the database can restore them). Runs on the
 * request's virtual thread; depends on {@code chat}, {@code account}, {@code provider}, {@code secret} (masks),
 * {@code upstream} to see whether shutdown has cut the calls (then nothing is retried), and {@code dialect} (only its
 * {@code DialectException}, for a count of tokens it refuses). The
 * {@link dev.nexus.gateway.RouteTrace} it fills is what {@code X-Nexus-Route} prints and the request monitor records.
 * The loop tells an {@link dev.nexus.gateway.AttemptEvents} (the metrics, injected by the composition root) how each
 * upstream call ended and when another credential takes over; it knows nothing of the metrics themselves.
 *
 * <p>Routes and policy: {@link dev.nexus.gateway.ModelResolver} decides what a client model name means — exact
 * route, wildcard route, then the live {@link dev.nexus.gateway.ModelCatalog} (each account's
 * {@code fetchAvailableModels}, cached) by exact id or nearest {@link dev.nexus.gateway.ModelSeries} member — or
 * refuses it; {@link dev.nexus.gateway.ModelRoutes} is the request path's snapshot of the routes table;
 * {@link dev.nexus.gateway.RouteEditor} makes the operator's single-route changes and {@link dev.nexus.gateway.RouteSeed}
 * loads the routes file; {@link dev.nexus.gateway.ProviderPolicy} says which providers may serve a client model
 * (checked on every route change, and at request time for the request's {@link dev.nexus.gateway.Protocol}), and the
 * {@link dev.nexus.gateway.ModelIdShape} of the model ids each provider is asked for (checked however a route is
 * made, and at request time, before any upstream call, for the model actually sent).
 * {@link dev.nexus.gateway.AccountQuota} reads one account's quota per model for the operator;
 * {@link dev.nexus.gateway.CodexQuotas} a ChatGPT account's Codex windows (the last seen, else the backend's usage
 * endpoint), rendered by {@link dev.nexus.gateway.CodexQuotaJson} for {@code /v1/codex/quota}, the dashboard and the CLI.
 *
 * <p>Limits: {@link dev.nexus.gateway.RequestLimits} refuses a request larger than the operator allows (messages,
 * parts, tool declarations) before any upstream call; {@code Gateway.handle}, {@code Gateway.relay} and
 * {@link dev.nexus.gateway.TokenCounter} check every request, so no front has to remember to. The client key's policy
 * ({@code keylimit.KeyTicket} in the {@link dev.nexus.gateway.RequestContext}) is admitted at the start of routing,
 * the one place every surface's client model is known.
 *
 * <p>Key proxies: {@link dev.nexus.gateway.KeyRelay} runs the same {@code Failover} loop over an upstream's API keys
 * for the pass-through Gemini API and Vertex fronts (only a 429 moves to the next key; any other answer is relayed).
 */
package dev.nexus.gateway;
