package dev.nexus.cli;

import dev.nexus.clientkey.ClientKeys;
import dev.nexus.clientkey.IssuedKey;
import dev.nexus.config.ConfigException;
import dev.nexus.secret.OwnerOnlyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client key Nexus makes when it starts without any usable one. On a terminal it is printed once; otherwise —
 * output that is kept and shipped, see {@link StandardOutput} — it is written to an owner-only file beside the
 * database ({@code <NEXUS_DB>.first-client-key}, or {@code nexus.first-client-key} in the working directory for
 * PostgreSQL) and only that file's path is logged.
 */
final class FirstClientKey {
    private static final Logger LOG = LoggerFactory.getLogger(FirstClientKey.class);
    /** The file's name after the database's, like the encryption key file's {@code .key}. */
    static final String SUFFIX = "first-client-key";

    private final PrintWriter console;
    private final boolean consoleIsTerminal;
    private final Path file;

    /**
     * @param file where the key goes when the console is not a terminal
     */
    FirstClientKey(PrintWriter console, boolean consoleIsTerminal, Path file) {
        this.console = console;
        this.consoleIsTerminal = consoleIsTerminal;
        this.file = file;
    }

    /** Makes a key unless a usable one exists, and hands it over. */
    void ensure(ClientKeys keys) {
        if (!keys.noneUsable()) {
            return;
        }
        IssuedKey issued = keys.issue("default");
        if (consoleIsTerminal) {
            print(issued);
            return;
        }
        try {
            OwnerOnlyFiles.replace(file, issued.fullKey() + "\n");
        } catch (IOException e) {
            // Nobody could ever learn this key: revoke it, so that the next start makes another.
            keys.revoke(issued.key().id());
            throw new ConfigException("cannot write the new client key to " + file + ": " + e.getMessage()
                    + " (make that directory writable, or create a key with: nexus keys create)", e);
        }
        LOG.info("No client API key existed, so Nexus created one. Standard output is not a terminal, so the key is not"
                + " printed: it is in {} (readable by this user only). Give it to your clients, then delete the file."
                + " Manage keys with: nexus keys list | create | revoke", file);
    }

    private void print(IssuedKey issued) {
        console.println();
        console.println("No client API key existed, so Nexus created one. It is shown only this once:");
        console.println();
        console.println("    " + issued.fullKey());
        console.println();
        console.println("Clients send it as 'Authorization: Bearer <key>' (or x-api-key / x-goog-api-key).");
        console.println("Manage keys with: nexus keys list | create | revoke");
        console.println();
        console.flush();
    }
}
