package dev.nexus.fake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The fake's user directory, keyed by e-mail, in the order accounts were added. */
final class Accounts {
    private final Map<String, AccountState> byEmail = new LinkedHashMap<>();
    private long nextUserId = 1;

    synchronized AccountState add(String email, String projectId, String tierId, String refreshToken) {
        if (byEmail.containsKey(email)) {
            throw new IllegalArgumentException("account already exists: " + email);
        }
        String userId = String.format("1%020d", nextUserId++);
        AccountState state = new AccountState(email, userId, projectId, tierId, refreshToken, true, null, false, Map.of());
        byEmail.put(email, state);
        return state;
    }

    synchronized Optional<AccountState> find(String email) {
        return Optional.ofNullable(byEmail.get(email));
    }

    /** For knobs: an unknown e-mail is a mistake in the test, not a condition to serve. */
    synchronized AccountState get(String email) {
        AccountState state = byEmail.get(email);
        if (state == null) {
            throw new IllegalArgumentException("no such fake account: " + email);
        }
        return state;
    }

    synchronized AccountState update(String email, UnaryOperator<AccountState> change) {
        AccountState updated = change.apply(get(email));
        byEmail.put(email, updated);
        return updated;
    }

    synchronized Optional<AccountState> first() {
        return byEmail.values().stream().findFirst();
    }
}
