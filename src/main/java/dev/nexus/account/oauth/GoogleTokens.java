package dev.nexus.account.oauth;

import dev.nexus.account.Account;
import dev.nexus.account.TokenSource;
import dev.nexus.secret.Masks;
import java.util.Optional;

/**
 * Google's {@link TokenSource}: each account renews only with the OAuth client profile that issued its refresh token.
 * When Google refuses that client for the token, or the profile is not defined here (custom without
 * GOOGLE_CLIENT_ID), or the refresh token is revoked, only a new login helps, and the reason names what to do.
 */
public final class GoogleTokens implements TokenSource {
    private final GoogleOAuthClient google;
    private final OAuthClients clients;

    public GoogleTokens(GoogleOAuthClient google, OAuthClients clients) {
        this.google = google;
        this.clients = clients;
    }

    @Override
    public String provider() {
        return Account.GOOGLE;
    }

    @Override
    public Renewal renew(Account account) {
        // Accounts from before profiles were recorded got one in migration V6; an empty one can only be antigravity's.
        String profile = account.oauthClient().orElse(OAuthClients.ANTIGRAVITY);
        String who = "account " + Masks.email(account.email());
        OAuthClientProfile client;
        try {
            client = clients.named(profile);
        } catch (OAuthClients.UnknownProfile e) {
            String reason = profile.equals(OAuthClients.CUSTOM)
                    ? "was issued by the custom OAuth client but GOOGLE_CLIENT_ID is not set (set it, or log in again:"
                            + " nexus accounts login)"
                    : "was issued by the OAuth client \"" + profile + "\", which this Nexus does not know (log in again:"
                            + " nexus accounts login)";
            return new Renewal.Refused(reason, who + " " + reason, Optional.empty());
        }
        TokenGrant grant;
        try {
            grant = google.refresh(client, account.refreshToken());
        } catch (OAuthException e) {
            if (e.error().filter(GoogleOAuthClient.CLIENT_REFUSALS::contains).isPresent()) {
                String reason = e.getMessage() + " — log in again: nexus accounts login (or import the token again with"
                        + " the client that issued it: --client " + String.join(" or --client ", OAuthClients.NAMES.stream()
                                .filter(n -> !n.equals(client.name())).toList()) + ")";
                return new Renewal.Refused(reason, who + " needs re-login: " + reason, Optional.of(e));
            }
            if (e.permanent()) {
                String reason = "refresh token was revoked or expired";
                return new Renewal.Refused(reason, who + " needs re-login: " + reason
                        + " (log in again: nexus accounts login, or open /auth/google/login)", Optional.of(e));
            }
            return new Renewal.Failed("cannot refresh the token of " + who + ": " + e.getMessage(), Optional.of(e));
        }
        return new Renewal.Granted(grant.accessToken(), grant.expiresAt(), grant.refreshToken());
    }
}
