package dev.nexus.account;

import java.nio.file.Path;
import java.util.Optional;

/** What a ChatGPT (Codex) account has beyond every account's fields; implemented by the store. */
public interface CodexAccounts {

    /**
     * @param chatgptAccountId what the Codex backend expects in {@code ChatGPT-Account-ID}
     * @param authFile the Codex CLI {@code auth.json} the account stays linked to, if any
     */
    record Details(Optional<String> chatgptAccountId, Optional<Path> authFile) {
        public static final Details NONE = new Details(Optional.empty(), Optional.empty());
    }

    /** The account's details; {@link Details#NONE} for an unknown id. */
    Details details(String accountId);

    void setChatgptAccountId(String accountId, String chatgptAccountId);

    /** Links the account to an {@code auth.json}, or (empty) unlinks it. */
    void linkAuthFile(String accountId, Optional<Path> file);
}
