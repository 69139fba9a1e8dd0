/**
 * The admin JSON API under {@code /api/*} used by the dashboard and scripts, and the browser entry point of a Google
 * login ({@code /auth/google/login}); admin auth is applied by the server to both: version, accounts (masked emails,
 * reveal on demand, promote, enable/disable, refresh, remove, quota, cooldowns, login), model routes (CRUD and reset),
 * providers (list, allowed for a client model), client API keys (list by prefix, create — the only answer that carries
 * a full key —, revoke), the server's status (surfaces, upstreams, its address as the client sees it), and the request
 * monitor (history, live SSE stream, body-logging switch, usage per hour or day). Thin handlers over the same services
 * the CLI uses; refusals become {@link dev.nexus.server.HttpError}s with a status, a message naming the thing and the
 * fix, and a code. Emails leave this package masked except from {@code GET /api/accounts/{id}/email}; tokens and
 * upstream keys never leave it. Handlers run on the request's virtual thread and reload the server's in-memory views
 * after a change. Depends on {@code server}, {@code account} (with {@code account.oauth}), {@code clientkey},
 * {@code gateway}, {@code secret}, {@code monitor}. {@code KeyPolicyJson} is a key's policy as JSON for the API and
 * the CLI alike.
 */
package dev.nexus.admin;
