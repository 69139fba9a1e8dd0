package dev.nexus.account;

import dev.nexus.secret.Masks;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes tokens before they expire, so requests rarely wait on a refresh. Run periodically; each account's
 * horizon is shortened by up to two minutes (fixed per account) so that accounts linked together do not all
 * refresh in the same sweep.
 */
public final class TokenSweeper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenSweeper.class);
    static final Duration HORIZON = Duration.ofMinutes(10);
    private static final long JITTER_SECONDS = 120;

    private final AccountDirectory directory;
    private final TokenRefresher tokens;

    public TokenSweeper(AccountDirectory directory, TokenRefresher tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    @Override
    public void run() {
        for (Account account : directory.all()) {
            if (!account.active() || !tokens.renews(account.provider())) {
                continue;
            }
            try {
                tokens.refreshIfExpiringWithin(account, horizon(account));
            } catch (AccountUnavailableException | RuntimeException e) {
                LOG.warn("background token refresh for {} failed: {}", Masks.email(account.email()), e.getMessage());
            }
        }
    }

    static Duration horizon(Account account) {
        return HORIZON.minusSeconds(Math.floorMod(account.id().hashCode(), JITTER_SECONDS));
    }
}
