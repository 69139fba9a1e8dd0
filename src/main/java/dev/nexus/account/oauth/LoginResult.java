package dev.nexus.account.oauth;

import dev.nexus.account.Account;
import java.util.Optional;

/**
 * A finished login: the stored account and whether it was new or an existing one whose tokens were replaced
 * (and which was re-activated).
 */
public record LoginResult(boolean created, Account account) {

    public String email() {
        return account.email();
    }

    public Optional<String> projectId() {
        return account.projectId();
    }

    public Optional<String> tier() {
        return account.tier();
    }

    /** One line for the CLI and logs, e.g. {@code Added alice@example.com as account 1a2b (primary), project p, tier t.} */
    public String summary() {
        return (created ? "Added " : "Logged in again as ") + account.email() + (created ? " as account " : ", account ")
                + account.id() + (account.primary() ? " (primary)" : "") + account.projectId().map(p -> ", project " + p).orElse("")
                + account.tier().map(t -> (account.provider().equals(Account.CODEX) ? ", ChatGPT plan " : ", tier ") + t).orElse("")
                + (created ? "." : "; its tokens were replaced and it is active.");
    }
}
