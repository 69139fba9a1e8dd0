package dev.nexus.gateway;

import dev.nexus.keylimit.KeyTicket;
import java.util.Optional;

/**
 * What the gateway needs to know about the client's request besides the chat itself.
 *
 * @param protocol the client surface, for the provider policy
 * @param pinnedAccount the {@code X-Nexus-Account} header (email or id), if sent
 * @param trace filled in by the gateway as it routes; fronts print it in {@code X-Nexus-Route}
 * @param ticket the client key's policy for this request, admitted by the gateway once the client's model is known
 */
public record RequestContext(String requestId, Protocol protocol, Optional<String> pinnedAccount, RouteTrace trace,
        KeyTicket ticket) {
    public static RequestContext of(String requestId, Protocol protocol, Optional<String> pinnedAccount) {
        return of(requestId, protocol, pinnedAccount, KeyTicket.UNLIMITED);
    }

    public static RequestContext of(String requestId, Protocol protocol, Optional<String> pinnedAccount, KeyTicket ticket) {
        return new RequestContext(requestId, protocol, pinnedAccount, new RouteTrace(), ticket);
    }
}
