package dev.nexus.gateway;

import java.util.Optional;

/**
 * What the gateway needs to know about the client's request besides the chat itself.
 *
 * @param protocol the client surface, for the provider policy
 * @param pinnedAccount the {@code X-Nexus-Account} header (email or id), if sent
 * @param trace filled in by the gateway as it routes; fronts print it in {@code X-Nexus-Route}
 */
public record RequestContext(String requestId, Protocol protocol, Optional<String> pinnedAccount, RouteTrace trace) {
    public static RequestContext of(String requestId, Protocol protocol, Optional<String> pinnedAccount) {
        return new RequestContext(requestId, protocol, pinnedAccount, new RouteTrace());
    }
}
