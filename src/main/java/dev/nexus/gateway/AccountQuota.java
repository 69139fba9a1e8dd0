package dev.nexus.gateway;

import dev.nexus.account.Account;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.TokenRefresher;
import dev.nexus.provider.cloudcode.CloudCodeModels;
import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One account's remaining quota per model, as Cloud Code's {@code fetchAvailableModels} reports it, asked with a
 * fresh token of that account (whatever its state: the operator may want to see why it stopped). Errors name the
 * account by its masked email; the CLI puts the full email back.
 */
public final class AccountQuota {
    private final TokenRefresher tokens;
    private final CloudCodeModels models;

    /** @param models Cloud Code's model lists, which know each account's project */
    public AccountQuota(TokenRefresher tokens, CloudCodeModels models) {
        this.tokens = tokens;
        this.models = models;
    }

    /**
     * @param remainingFraction 0.0 (exhausted) to 1.0 (full)
     * @param resetTime when the quota window ends, if Cloud Code said
     */
    public record ModelQuota(String id, String displayName, double remainingFraction, Optional<Instant> resetTime) {}

    /**
     * The account's models in id order.
     *
     * @throws AccountUnavailableException with the HTTP status to answer: the account's token could not be had
     *     (its status), the account is not a Google one (400), or Cloud Code would not list the models (502)
     */
    public List<ModelQuota> read(Account account) throws AccountUnavailableException {
        String who = "account " + Masks.email(account.email());
        if (!account.provider().equals(Account.GOOGLE)) {
            throw new AccountUnavailableException(400, who + " is a " + account.provider()
                    + " account; quota is only known for Google (Cloud Code) accounts");
        }
        Secret token = tokens.accessToken(account, false);
        try {
            return models.list(account.id(), token).stream()
                    .map(m -> new ModelQuota(m.id(), m.displayName(), m.remainingFraction(), instant(m.resetTime())))
                    .toList();
        } catch (IOException e) {
            throw new AccountUnavailableException(502, "Cloud Code did not list the models of " + who + ": " + e.getMessage()
                    + " (check the account with: nexus accounts list; refresh its token and try again)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountUnavailableException(503, "interrupted while asking Cloud Code for the models of " + who, e);
        }
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
