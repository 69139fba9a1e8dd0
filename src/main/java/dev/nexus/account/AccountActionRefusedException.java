package dev.nexus.account;

/** The operator asked for something the named account cannot do (e.g. a ChatGPT account as the Google primary); the message says why and what to do. */
public final class AccountActionRefusedException extends RuntimeException {
    public AccountActionRefusedException(String message) {
        super(message, null, false, false);
    }
}
