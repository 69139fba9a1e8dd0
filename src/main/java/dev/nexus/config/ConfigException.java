package dev.nexus.config;

/** A setting is missing or malformed; the message names the variable and the fix, and is shown as is. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
