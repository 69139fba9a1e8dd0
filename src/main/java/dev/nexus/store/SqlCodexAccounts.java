package dev.nexus.store;

import dev.nexus.account.CodexAccounts;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The ChatGPT-specific columns of {@code accounts} (migration V7): {@code chatgpt_account_id} and {@code auth_file}. */
public final class SqlCodexAccounts implements CodexAccounts {
    private final Jdbi jdbi;

    public SqlCodexAccounts(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Details details(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT chatgpt_account_id, auth_file FROM accounts WHERE id = :id")
                .bind("id", accountId)
                .map((rs, ctx) -> new Details(Optional.ofNullable(rs.getString("chatgpt_account_id")),
                        Optional.ofNullable(rs.getString("auth_file")).map(Path::of)))
                .findOne().orElse(Details.NONE));
    }

    @Override
    public void setChatgptAccountId(String accountId, String chatgptAccountId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET chatgpt_account_id = :value WHERE id = :id")
                .bind("id", accountId).bind("value", chatgptAccountId).execute());
    }

    @Override
    public void linkAuthFile(String accountId, Optional<Path> file) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE accounts SET auth_file = :file WHERE id = :id")
                    .bind("id", accountId).bind("file", file.map(f -> f.toAbsolutePath().normalize().toString()).orElse(null))
                    .execute();
            Revisions.bump(h, "accounts");
        });
    }
}
