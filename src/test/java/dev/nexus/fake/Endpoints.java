package dev.nexus.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** A group of paths a fake answers: OAuth, Cloud Code, the Gemini API. */
interface Endpoints {
    boolean serves(String path);

    void handle(HttpExchange exchange, RecordedRequest request) throws IOException;
}
