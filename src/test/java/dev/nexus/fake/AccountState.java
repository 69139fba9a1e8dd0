package dev.nexus.fake;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the fake knows about one user. Immutable: knobs replace the whole value, so a handler that
 * read it once sees a consistent account for the rest of its exchange.
 *
 * @param validationLink non-null while the account must be verified before Cloud Code will serve it
 * @param quotas remaining quota per model id; models absent here are full
 */
record AccountState(
        String email,
        String userId,
        String projectId,
        String tierId,
        String refreshToken,
        boolean onboarded,
        String validationLink,
        boolean suspended,
        Map<String, Quota> quotas) {

    /** A per-model quota window; a null reset time means "the default window end". */
    record Quota(double remainingFraction, Instant resetTime) {}

    AccountState {
        quotas = Map.copyOf(quotas);
    }

    FakeAccount snapshot() {
        return new FakeAccount(email, projectId, tierId, refreshToken, userId);
    }

    AccountState withRefreshToken(String token) {
        return new AccountState(email, userId, projectId, tierId, token, onboarded, validationLink, suspended, quotas);
    }

    AccountState withOnboarded(boolean value) {
        return new AccountState(email, userId, projectId, tierId, refreshToken, value, validationLink, suspended, quotas);
    }

    AccountState withValidationLink(String link) {
        return new AccountState(email, userId, projectId, tierId, refreshToken, onboarded, link, suspended, quotas);
    }

    AccountState withSuspended(boolean value) {
        return new AccountState(email, userId, projectId, tierId, refreshToken, onboarded, validationLink, value, quotas);
    }

    AccountState withQuota(String modelId, Quota quota) {
        Map<String, Quota> copy = new HashMap<>(quotas);
        copy.put(modelId, quota);
        return new AccountState(email, userId, projectId, tierId, refreshToken, onboarded, validationLink, suspended, copy);
    }
}
