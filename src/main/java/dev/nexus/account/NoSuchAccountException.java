package dev.nexus.account;

/** The operator named an account that does not exist (or names several); the message says which and what to do. */
public final class NoSuchAccountException extends RuntimeException {
    public NoSuchAccountException(String message) {
        super(message, null, false, false);
    }
}
