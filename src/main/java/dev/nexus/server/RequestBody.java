package dev.nexus.server;

import dev.nexus.io.WholeBody;
import dev.nexus.monitor.Observation;
import dev.nexus.server.http1.ReadTimeout;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body whole (bounded by the body limit) and shows it to the request monitor. What can go wrong is
 * the client's doing and ends as such: a body over the limit is a 413, broken chunked framing a 400 (both close the
 * connection, whose byte stream can no longer be trusted); a client that hung up or stalled mid-upload has nobody left
 * to answer, so the connection just closes and the monitor records 499 or 408 with what happened.
 */
public final class RequestBody {
    static final String CLIENT_LEFT = "the client closed the connection before its request body was complete";

    private RequestBody() {}

    public static byte[] readAll(ServerRequest req) {
        Observation observation = Observations.of(req);
        byte[] bytes;
        try {
            // Not closed on failure: closing reads the rest of the body, which after a failure may never come.
            InputStream in = req.content().inputStream();
            bytes = WholeBody.read(in, req.headers().contentLength().orElse(-1));
            in.close();
        } catch (BodyLimit.TooLarge e) {
            throw BodyLimit.tooLarge(e.max());
        } catch (RequestException e) {
            throw new HttpError(e.status().code() == 413 ? 413 : 400, "cannot read the request body: " + e.getMessage()
                    + " (send it with a valid Content-Length or Transfer-Encoding: chunked)", "invalid_request_error").closingConnection();
        } catch (ReadTimeout e) {
            observation.error("the request body stopped arriving: " + e.getMessage());
            throw e;
        } catch (IOException | UncheckedIOException | CloseConnectionException | DataReader.InsufficientDataAvailableException e) {
            observation.error(CLIENT_LEFT);
            throw new CloseConnectionException(CLIENT_LEFT, e);
        }
        observation.requestBody(bytes);
        return bytes;
    }
}
