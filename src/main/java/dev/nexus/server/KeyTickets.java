package dev.nexus.server;

import dev.nexus.keylimit.KeyTicket;
import io.helidon.webserver.http.ServerRequest;

/** Where a request's {@link KeyTicket} is found (ClientAuth registers it); requests without one are not limited. */
public final class KeyTickets {
    private KeyTickets() {}

    public static KeyTicket of(ServerRequest req) {
        return req.context().get(KeyTicket.class).orElse(KeyTicket.UNLIMITED);
    }
}
