package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.NexusHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: a page on another site that re-points its name at 127.0.0.1 reaches the open admin API as its own
 * origin, with its own name in {@code Host}. Without an admin password only this server's names are answered.
 */
class HostGuardTest {
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @AfterEach
    void stop() {
        if (nexus != null) {
            nexus.close();
        }
    }

    @Test
    void aReboundNameCannotCreateAKeyOrReadTheAdminApi() throws IOException {
        nexus = new NexusHarness(dir).start();
        String created = exchange("POST", "/api/keys", "attacker.example:" + port(), "{\"name\":\"stolen\"}");
        assertThat(created).startsWith("HTTP/1.1 421");
        String body = body(created);
        assertThat(json(body).path("error").path("message").asText())
                .contains("attacker.example").contains("NEXUS_ALLOWED_HOSTS").contains("DNS rebinding");
        assertThat(body).doesNotContain("sk-nx-");
        assertThat(exchange("GET", "/api/keys", "attacker.example:" + port(), null)).startsWith("HTTP/1.1 421");
        assertThat(exchange("GET", "/api/accounts", "rebind.attacker.example", null)).startsWith("HTTP/1.1 421");
        assertThat(exchange("GET", "/", "attacker.example:" + port(), null)).startsWith("HTTP/1.1 421");
        assertThat(exchange("GET", "/monitor", "attacker.example", null)).startsWith("HTTP/1.1 421");
        // Only the first-start key exists.
        assertThat(json(nexus.get("/api/keys").body()).path("count").asInt()).isEqualTo(1);
    }

    @Test
    void loopbackNamesAndAddressesAreAnsweredOnAnyPort() throws IOException {
        nexus = new NexusHarness(dir).start();
        for (String host : List.of("127.0.0.1:" + port(), "localhost:" + port(), "LOCALHOST", "localhost.",
                "app.localhost:" + port(), "[::1]:" + port(), "127.0.0.2", "127.0.0.1")) {
            assertThat(exchange("GET", "/api/keys", host, null)).as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void namesListedInAllowedHostsAreAnswered() throws IOException {
        nexus = new NexusHarness(dir).env("NEXUS_ALLOWED_HOSTS", "nexus.lan, \"gateway.internal\"").start();
        assertThat(exchange("GET", "/api/keys", "nexus.lan:" + port(), null)).startsWith("HTTP/1.1 200");
        assertThat(exchange("GET", "/api/keys", "GATEWAY.internal", null)).startsWith("HTTP/1.1 200");
        assertThat(exchange("GET", "/api/keys", "other.lan", null)).startsWith("HTTP/1.1 421");
    }

    @Test
    void theConfiguredHostNameIsAnswered() throws IOException {
        nexus = new NexusHarness(dir).env("HOST", "localhost").start();
        assertThat(exchange("GET", "/api/keys", "localhost:" + port(), null)).startsWith("HTTP/1.1 200");
        assertThat(exchange("GET", "/api/keys", "attacker.example", null)).startsWith("HTTP/1.1 421");
    }

    @Test
    void withAnAdminPasswordTheHostIsNotCheckedBecauseTheBrowserHasNoCredentialsForTheOtherSite() throws IOException {
        nexus = new NexusHarness(dir).env("NEXUS_ADMIN_PASSWORD", "pw").start();
        // No credentials: the password refuses it, not the host guard.
        assertThat(exchange("GET", "/api/keys", "attacker.example", null)).startsWith("HTTP/1.1 401");
    }

    @Test
    void proxySurfacesAreNotAffectedBecauseTheyNeedAClientKey() throws IOException {
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", "sk-host-guard-0001").start();
        String answer = exchange("GET", "/healthz", "attacker.example", null);
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(exchange("GET", "/v1/models", "attacker.example", null)).startsWith("HTTP/1.1 401");
    }

    private int port() {
        return URI.create(nexus.baseUrl()).getPort();
    }

    /** One request with exactly this Host header (HttpClient does not let a caller set it); the whole answer. */
    private String exchange(String method, String path, String host, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** Reads headers and a Content-Length body (all the admin API sends). */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}
