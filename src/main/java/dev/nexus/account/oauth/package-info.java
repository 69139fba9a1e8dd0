/**
 * OAuth with upstream identity providers. For Google: the OAuth client profiles Nexus logs in and refreshes with
 * ({@link dev.nexus.account.oauth.OAuthClients}: the public {@code antigravity} and {@code gemini-cli} installed-app
 * clients, and {@code custom} from GOOGLE_CLIENT_ID), Google's {@link dev.nexus.account.TokenSource}
 * ({@link dev.nexus.account.oauth.GoogleTokens}), token refresh, userinfo and the code exchange with the profile
 * given per call ({@link dev.nexus.account.oauth.GoogleOAuthClient}), and the login flow — authorization code with
 * PKCE S256 and a fresh random {@code state} per attempt ({@link dev.nexus.account.oauth.LoginFlows}), a consent URL asking for
 * offline access ({@link dev.nexus.account.oauth.ConsentUrl}), completion from a callback or a pasted redirect URL
 * ({@link dev.nexus.account.oauth.GoogleLogin}), a temporary loopback-only callback listener
 * ({@link dev.nexus.account.oauth.CallbackListener}), and the entry point the server and CLI share
 * ({@link dev.nexus.account.oauth.Logins}). The same machinery logs in ChatGPT accounts ({@link
 * dev.nexus.account.oauth.CodexLogin}: OpenAI's OAuth with the Codex CLI's public client, callback {@code /auth/callback}
 * on port 1455), whose tokens {@link dev.nexus.account.oauth.OpenAiOAuthClient} exchanges and refreshes and whose
 * identity {@link dev.nexus.account.oauth.ChatGptIdentity} reads from the id_token. Both providers' logins are an
 * {@link dev.nexus.account.oauth.OAuthLogin} on the same PKCE machinery (PkceLogin), differing only in the consent URL
 * and how a code becomes an account.
 *
 * <p>Contract: a refresh token is only ever used with the profile that issued it, which its account records; a login
 * stores nothing until the code exchange, userinfo and Cloud Code project lookup have all
 * succeeded; it then upserts the account by email. States are single use and expire after
 * {@link dev.nexus.account.oauth.LoginFlows#LIFETIME}. Messages never contain a token, code, verifier or state.
 *
 * <p>Threading: blocking calls through upstream.UpstreamHttp, safe from virtual threads; {@code LoginFlows} is thread-safe
 * (claiming a state is atomic); callback listeners answer on virtual threads. Depends on {@code account},
 * {@code secret}, Jackson, nimbus-jose-jwt (claims only) and the JDK's {@code com.sun.net.httpserver}.
 */
package dev.nexus.account.oauth;
