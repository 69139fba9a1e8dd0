package dev.nexus.alert;

import dev.nexus.account.Account;
import dev.nexus.account.AccountDirectory;
import dev.nexus.account.AccountState;
import dev.nexus.secret.Masks;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Raises an alert when an account enters a state only a person can undo. It compares each account's state with the
 * one it saw last in the directory, so the refresher, the pool, the admin API and the CLI in another process are all
 * covered without each of them remembering to tell. Accounts already in such a state at start, and new accounts added
 * in one, raise nothing: an alert is about a change. Run it after each directory refresh (the server's change poll).
 */
public final class AccountWatch implements Runnable {
    private static final Map<AccountState, AlertEvent> ALERTING = Map.of(
            AccountState.NEEDS_RELOGIN, AlertEvent.ACCOUNT_NEEDS_RELOGIN,
            AccountState.DISABLED, AlertEvent.ACCOUNT_DISABLED);

    private final AccountDirectory directory;
    private final Alerts alerts;
    private final Map<String, AccountState> seen = new HashMap<>();

    public AccountWatch(AccountDirectory directory, Alerts alerts) {
        this.directory = directory;
        this.alerts = alerts;
        directory.all().forEach(a -> seen.put(a.id(), a.state()));
    }

    @Override
    public synchronized void run() {
        Map<String, AccountState> now = new HashMap<>();
        for (Account account : directory.all()) {
            now.put(account.id(), account.state());
            AccountState before = seen.get(account.id());
            AlertEvent event = ALERTING.get(account.state());
            if (before != null && before != account.state() && event != null) {
                alerts.raise(event, subject(account), reason(account));
            }
        }
        seen.keySet().retainAll(Set.copyOf(now.keySet()));
        seen.putAll(now);
    }

    static String subject(Account account) {
        return account.provider() + " account " + account.id() + " (" + Masks.email(account.email()) + ")";
    }

    /** The stored reason, with the account's own address masked in case the upstream's words quoted it. */
    private static String reason(Account account) {
        String reason = account.stateReason().orElse(account.state().wireName());
        return account.email().isEmpty() ? reason : reason.replace(account.email(), Masks.email(account.email()));
    }
}
