package dev.nexus.account.codex;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountState;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.CodexAccounts;
import dev.nexus.account.SingleFlight;
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
 * Access tokens of ChatGPT (Codex) accounts. A token expiring within 5 minutes (the Go original's margin) is
 * refreshed; so is any token when the caller forces it (the backend answered 401). Refreshes are single flight per
 * account. OpenAI rotates refresh tokens, so the new refresh token is stored in the same transaction as the new
 * access token; a refused refresh token ({@code refresh_token_reused}, {@code invalid_grant}, …) moves the account to
 * {@code needs_relogin} with the fix in its reason.
 *
 * <p>An account linked to a Codex CLI {@code auth.json} shares its login with the Codex CLI on this machine: before
 * refreshing, the file is re-read and its tokens adopted when they are newer than the stored ones (the CLI refreshed
 * first, so only the file has the live refresh token); after refreshing, the new tokens are written back.
 */
public final class CodexTokens implements TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(CodexTokens.class);
    /** Tokens expiring sooner than this are refreshed before use. */
    public static final Duration EARLY = Duration.ofMinutes(5);

    private final OpenAiOAuthClient openai;
    private final AccountRepository repository;
    private final CodexAccounts codexAccounts;
    private final Clock clock;
    private final SingleFlight<Fresh> refreshes = new SingleFlight<>();

    public CodexTokens(OpenAiOAuthClient openai, AccountRepository repository, CodexAccounts codexAccounts, Clock clock) {
        this.openai = openai;
        this.repository = repository;
        this.codexAccounts = codexAccounts;
        this.clock = clock;
    }

    private record Fresh(Secret accessToken, Instant expiresAt) {}

    @Override
    public Secret accessToken(Account account, boolean force) throws AccountUnavailableException {
        if (!force) {
            Optional<Fresh> known = stored(account);
            if (known.isPresent() && usable(known.get())) {
                return known.get().accessToken();
            }
        }
        return refreshes.run(account.id(), () -> obtain(account.id(), force ? account.accessToken() : Optional.empty()))
                .accessToken();
    }

    /**
     * Inside the account's single flight: the stored row is re-read, since another refresh may have rotated it.
     *
     * @param rejected when forced, the token the caller held: if the stored one is another (a refresh came between),
     *     that one is used, so a burst of 401s costs one refresh
     */
    private Fresh obtain(String accountId, Optional<Secret> rejected) throws AccountUnavailableException {
        boolean force = rejected.isPresent();
        Account stored = repository.find(accountId).orElseThrow(() -> new AccountUnavailableException(503,
                "account " + accountId + " was removed while its token was being refreshed"));
        Optional<AuthFile> file = codexAccounts.details(accountId).authFile().map(AuthFile::new);
        Account current = file.isPresent() ? adoptNewer(stored, file.get()) : stored;
        Optional<Fresh> known = stored(current);
        if (known.isPresent() && usable(known.get()) && (!force || !known.get().accessToken().equals(rejected.get()))) {
            return known.get();
        }
        OpenAiOAuthClient.Grant grant;
        try {
            grant = openai.refresh(current.refreshToken());
        } catch (OAuthException e) {
            if (e.permanent()) {
                String reason = "OpenAI refused its refresh token (" + e.error().orElse("refused") + "): log in again with"
                        + " nexus accounts login --provider codex" + file.map(f -> ", or run codex login and import "
                        + f.path() + " again").orElse("");
                repository.setState(accountId, AccountState.NEEDS_RELOGIN, Optional.of(reason));
                LOG.warn("ChatGPT account {} needs re-login: {}", Masks.email(current.email()), reason);
                throw new AccountUnavailableException(503, "ChatGPT account " + Masks.email(current.email())
                        + " needs re-login: " + reason, e);
            }
            throw new AccountUnavailableException(503, "cannot refresh the token of ChatGPT account "
                    + Masks.email(current.email()) + ": " + e.getMessage(), e);
        }
        repository.updateTokens(accountId, grant.accessToken(), grant.expiresAt(), grant.refreshToken());
        grant.idToken().map(ChatGptIdentity::of).flatMap(ChatGptIdentity::chatgptAccountId)
                .ifPresent(id -> codexAccounts.setChatgptAccountId(accountId, id));
        file.ifPresent(f -> writeBack(f, grant, current.refreshToken()));
        LOG.info("refreshed the token of ChatGPT account {}", Masks.email(current.email()));
        return new Fresh(grant.accessToken(), grant.expiresAt());
    }

    /** Adopts the file's tokens when its access token expires later than the stored one (the Codex CLI refreshed). */
    private Account adoptNewer(Account current, AuthFile file) {
        AuthFile.Tokens onDisk;
        try {
            onDisk = file.read();
        } catch (IOException e) {
            LOG.warn("cannot read the linked Codex auth file {} ({}); refreshing with the stored token", file.path(), e.getMessage());
            return current;
        }
        Instant diskExpiry = onDisk.expiresAt().orElse(Instant.EPOCH);
        boolean newer = !onDisk.refreshToken().equals(current.refreshToken())
                && current.tokenExpiresAt().map(diskExpiry::isAfter).orElse(true);
        if (!newer) {
            return current;
        }
        repository.updateTokens(current.id(), onDisk.accessToken(), diskExpiry, Optional.of(onDisk.refreshToken()));
        LOG.info("adopted newer tokens of ChatGPT account {} from {}", Masks.email(current.email()), file.path());
        return repository.find(current.id()).orElse(current);
    }

    private void writeBack(AuthFile file, OpenAiOAuthClient.Grant grant, Secret usedRefreshToken) {
        try {
            file.write(grant.accessToken(), grant.refreshToken().orElse(usedRefreshToken), grant.idToken(), clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the refreshed tokens back to {} ({}): the Codex CLI there holds a retired refresh token"
                    + " now; run codex login there, or fix the file's permissions", file.path(), e.getMessage());
        }
    }

    private boolean usable(Fresh fresh) {
        return fresh.expiresAt().isAfter(clock.instant().plus(EARLY));
    }

    private static Optional<Fresh> stored(Account account) {
        return account.accessToken().flatMap(t -> account.tokenExpiresAt().map(e -> new Fresh(t, e)));
    }
}
