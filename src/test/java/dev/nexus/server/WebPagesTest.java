package dev.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.NexusHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard pages and their files over HTTP: types, caching, security headers, admin auth, and the probe. */
class WebPagesTest {
    private static final String PASSWORD = "pages-test-password";
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        nexus = new NexusHarness(dir).env("NEXUS_ADMIN_PASSWORD", PASSWORD).start();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    private static String[] admin() {
        return new String[] {"Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8))};
    }

    @Test
    void pagesAndAssetsComeWithTheirTypeAndTheSecurityHeaders() {
        List<List<String>> expected = List.of(List.of("/", "text/html; charset=utf-8"), List.of("/monitor", "text/html; charset=utf-8"),
                List.of("/assets/dashboard.js", "text/javascript; charset=utf-8"), List.of("/assets/nexus.css", "text/css; charset=utf-8"),
                List.of("/assets/icon.svg", "image/svg+xml"));
        for (List<String> page : expected) {
            HttpResponse<String> res = nexus.get(page.get(0), admin());
            assertThat(res.statusCode()).as(page.get(0)).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).as(page.get(0)).hasValue(page.get(1));
            assertThat(res.headers().firstValue("Content-Security-Policy")).as(page.get(0)).hasValue(WebPages.CONTENT_SECURITY_POLICY);
            assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(res.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(res.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(res.headers().firstValue("ETag")).isPresent();
        }
        assertThat(WebPages.CONTENT_SECURITY_POLICY).contains("script-src 'self';", "style-src 'self';", "connect-src 'self';",
                "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'").doesNotContain("unsafe", "*");
    }

    @Test
    void anUnchangedFileIsRevalidatedWithoutBeingSentAgain() {
        HttpResponse<String> first = nexus.get("/assets/dashboard.js", admin());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = nexus.get("/assets/dashboard.js", admin()[0], admin()[1], "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void thePagesNeedTheAdminPasswordButTheProbeDoesNot() {
        for (String path : List.of("/", "/monitor", "/assets/dashboard.js")) {
            HttpResponse<String> res = nexus.get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(401);
            assertThat(res.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
        }
        HttpResponse<String> probe = nexus.send(nexus.request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(probe.statusCode()).isEqualTo(200);
    }

    @Test
    void namesOutsideTheAssetFolderOrUnknownAre404() {
        for (String path : List.of("/assets/missing.js", "/assets/../nexus-version.properties", "/assets/%2e%2e/nexus-version.properties",
                "/assets/.hidden", "/assets/Dashboard.JS", "/assets/")) {
            HttpResponse<String> res = nexus.get(path, admin());
            assertThat(res.statusCode()).as(path).isEqualTo(404);
            assertThat(res.body()).as(path).doesNotContain("<configuration", "version=");
        }
    }

    @Test
    void noPageBuildsMarkupFromStringsOrCarriesInlineCode() throws Exception {
        Path web = Path.of("src/main/resources/web");
        try (var files = java.nio.file.Files.walk(web)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String text = java.nio.file.Files.readString(file);
                String name = web.relativize(file).toString();
                assertThat(text).as(name).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                        "eval(", "new Function");
                if (name.endsWith(".html")) {
                    assertThat(text).as(name).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContainPattern("\\son[a-z]+=")
                            .doesNotContain("style=", "<style", "http://", "https://");
                }
            }
        }
    }
}
