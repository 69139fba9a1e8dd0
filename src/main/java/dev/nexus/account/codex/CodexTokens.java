package dev.nexus.account.codex;

import dev.nexus.account.Account;
import dev.nexus.account.CodexAccounts;
import dev.nexus.account.TokenSource;
import dev.nexus.account.oauth.ChatGptIdentity;
import dev.nexus.account.oauth.OAuthException;
import dev.nexus.account.oauth.OpenAiOAuthClient;
import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How ChatGPT (Codex) accounts renew their access tokens: OpenAI's token endpoint with the Codex CLI's client, 5
 * minutes before expiry (the Go original's margin). OpenAI rotates refresh tokens; the {@code TokenRefresher} around
 * this stores the new pair in one transaction, keeps refreshes single flight, and moves an account whose refresh token
 * is refused ({@code refresh_token_reused}, {@code invalid_grant}, …) to {@code needs_relogin}.
 *
 * <p>An account linked to a Codex CLI {@code auth.json} shares its login with the Codex CLI on this machine: before
 * refreshing, the file is re-read, and its tokens are taken when they are newer than the stored ones (the CLI refreshed
 * first, so only the file has the live refresh token); after refreshing, the new tokens are written back.
 */
public final class CodexTokens implements TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(CodexTokens.class);
    /** Tokens expiring sooner than this are refreshed before use. */
    public static final Duration EARLY = Duration.ofMinutes(5);

    private final OpenAiOAuthClient openai;
    private final CodexAccounts codexAccounts;
    private final Clock clock;

    public CodexTokens(OpenAiOAuthClient openai, CodexAccounts codexAccounts, Clock clock) {
        this.openai = openai;
        this.codexAccounts = codexAccounts;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return Account.CODEX;
    }

    @Override
    public Duration early() {
        return EARLY;
    }

    @Override
    public Renewal renew(Account account) {
        Optional<AuthFile> file = codexAccounts.details(account.id()).authFile().map(AuthFile::new);
        Secret refreshToken = account.refreshToken();
        Optional<AuthFile.Tokens> onDisk = file.flatMap(f -> newerOnDisk(account, f));
        if (onDisk.isPresent()) {
            Instant expires = onDisk.get().expiresAt().orElse(Instant.EPOCH);
            LOG.info("adopted newer tokens of ChatGPT account {} from {}", Masks.email(account.email()), file.get().path());
            if (expires.isAfter(clock.instant().plus(EARLY))) {
                return new Renewal.Granted(onDisk.get().accessToken(), expires, Optional.of(onDisk.get().refreshToken()));
            }
            refreshToken = onDisk.get().refreshToken();
        }
        OpenAiOAuthClient.Grant grant;
        try {
            grant = openai.refresh(refreshToken);
        } catch (OAuthException e) {
            if (e.permanent()) {
                String reason = "OpenAI refused its refresh token (" + e.error().orElse("refused") + "): log in again with"
                        + " nexus accounts login --provider codex" + file.map(f -> ", or run codex login and import "
                        + f.path() + " again").orElse("");
                return new Renewal.Refused(reason, "ChatGPT account " + Masks.email(account.email()) + " needs re-login: "
                        + reason, Optional.of(e));
            }
            return new Renewal.Failed("cannot refresh the token of ChatGPT account " + Masks.email(account.email()) + ": "
                    + e.getMessage(), Optional.of(e));
        }
        grant.idToken().map(ChatGptIdentity::of).flatMap(ChatGptIdentity::chatgptAccountId)
                .ifPresent(id -> codexAccounts.setChatgptAccountId(account.id(), id));
        Secret used = refreshToken;
        file.ifPresent(f -> writeBack(f, grant, used));
        LOG.info("refreshed the token of ChatGPT account {}", Masks.email(account.email()));
        // The refresh token in use is stored even when OpenAI did not rotate it: it may be the file's, not the stored one.
        return new Renewal.Granted(grant.accessToken(), grant.expiresAt(), Optional.of(grant.refreshToken().orElse(used)));
    }

    /** The file's tokens when they differ from the stored ones and expire later (the Codex CLI refreshed). */
    private Optional<AuthFile.Tokens> newerOnDisk(Account account, AuthFile file) {
        AuthFile.Tokens tokens;
        try {
            tokens = file.read();
        } catch (IOException e) {
            LOG.warn("cannot read the linked Codex auth file {} ({}); refreshing with the stored token", file.path(), e.getMessage());
            return Optional.empty();
        }
        Instant diskExpiry = tokens.expiresAt().orElse(Instant.EPOCH);
        boolean newer = !tokens.refreshToken().equals(account.refreshToken())
                && account.tokenExpiresAt().map(diskExpiry::isAfter).orElse(true);
        return newer ? Optional.of(tokens) : Optional.empty();
    }

    private void writeBack(AuthFile file, OpenAiOAuthClient.Grant grant, Secret usedRefreshToken) {
        try {
            file.write(grant.accessToken(), grant.refreshToken().orElse(usedRefreshToken), grant.idToken(), clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the refreshed tokens back to {} ({}): the Codex CLI there holds a retired refresh token"
                    + " now; run codex login there, or fix the file's permissions", file.path(), e.getMessage());
        }
    }
}
