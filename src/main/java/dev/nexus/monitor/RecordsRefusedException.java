package dev.nexus.monitor;

/**
 * The database refused what a record holds — an id it already has, a value it cannot store — rather than failing to
 * write at all; nothing of that write was kept. Writing the same records one at a time keeps all but the refused ones.
 */
public final class RecordsRefusedException extends RuntimeException {
    public RecordsRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
