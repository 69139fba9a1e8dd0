package dev.nexus.gateway;

/** A request over one of the {@link RequestLimits}; the server answers 400 in the client's dialect with this message. */
public final class RequestLimitException extends RuntimeException {
    RequestLimitException(String message) {
        super(message, null, false, false);
    }
}
