package dev.nexus.account.importer;

import dev.nexus.account.Account;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.NewAccount;
import dev.nexus.account.ProjectInfo;
import dev.nexus.account.ProjectResolver;
import dev.nexus.account.oauth.GoogleOAuthClient;
import dev.nexus.account.oauth.OAuthClientProfile;
import dev.nexus.account.oauth.OAuthException;
import dev.nexus.account.oauth.TokenGrant;
import dev.nexus.secret.Secret;
import java.time.Instant;
import java.util.Optional;

/**
 * Completes an imported Google refresh token into an account: when the email or the Cloud Code project is not
 * known, it refreshes the token with the OAuth client profile that issued it (the account keeps that profile), asks userinfo for the email and
 * {@code loadCodeAssist}/{@code onboardUser} for the project and tier. Without an email the import fails; without a
 * project it goes ahead with a note, and the project is discovered on first use. Knowing both, it asks nothing.
 */
public final class GoogleDetails {
    private final GoogleOAuthClient google;
    private final ProjectResolver projects;

    public GoogleDetails(GoogleOAuthClient google, ProjectResolver projects) {
        this.google = google;
        this.projects = projects;
    }

    /** What Google was asked to fill in: the account to store, and a note when the project stayed unknown. */
    public record Completed(NewAccount account, Optional<String> note) {}

    /** What is known before asking; the access token and expiry are the file's, used when no refresh happens. */
    public record Known(Secret refreshToken, Optional<String> email, Optional<String> projectId, Optional<String> tier,
            Optional<Secret> accessToken, Optional<Instant> expiresAt) {

        public static Known refreshTokenOnly(Secret refreshToken, Optional<String> email, Optional<String> projectId) {
            return new Known(refreshToken, email, projectId, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** @param client the OAuth client profile that issued the refresh token; the account records it */
    public Completed complete(Known known, OAuthClientProfile client) throws ImportException {
        Optional<TokenGrant> grant = Optional.empty();
        Optional<String> email = known.email();
        Optional<String> project = known.projectId();
        Optional<String> tier = known.tier();
        Optional<String> note = Optional.empty();
        if (email.isEmpty() || project.isEmpty()) {
            try {
                grant = Optional.of(google.refresh(client, known.refreshToken()));
                if (email.isEmpty()) {
                    email = Optional.of(google.email(grant.get().accessToken()));
                }
                if (project.isEmpty()) {
                    ProjectInfo info = projects.resolve(grant.get().accessToken());
                    project = Optional.of(info.projectId());
                    tier = info.tier();
                }
            } catch (OAuthException | AccountUnavailableException e) {
                if (email.isEmpty()) {
                    throw new ImportException("cannot identify the account: " + e.getMessage()
                            + " (or pass --email to import without asking Google)");
                }
                note = Optional.of("could not ask Google for the project (" + e.getMessage()
                        + "); it will be discovered when the account is first used");
            }
        }
        NewAccount account = new NewAccount(Account.GOOGLE, email.orElseThrow(),
                grant.flatMap(TokenGrant::refreshToken).orElse(known.refreshToken()),
                grant.map(TokenGrant::accessToken).or(known::accessToken),
                grant.map(TokenGrant::expiresAt).or(known::expiresAt), project, tier, Optional.of(client.name()));
        return new Completed(account, note);
    }
}
