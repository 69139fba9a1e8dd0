package dev.nexus.account.importer;

/** An import cannot go ahead; the message is one line naming the problem and the fix, and never holds a token. */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message, null, false, false);
    }
}
