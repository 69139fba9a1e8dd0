package dev.nexus.gateway;

import java.util.List;

/**
 * A client model may not be served by the provider asked for. The message names both and lists the providers that
 * are allowed; HTTP surfaces answer 422 with it.
 */
public final class ProviderNotAllowedException extends RuntimeException {
    private final List<String> allowed;

    ProviderNotAllowedException(String message, List<String> allowed) {
        super(message, null, false, false);
        this.allowed = List.copyOf(allowed);
    }

    /** The providers that would have been allowed, in the policy's order. */
    public List<String> allowed() {
        return allowed;
    }
}
