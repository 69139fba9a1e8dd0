package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.config.ConfigException;
import dev.nexus.testing.NexusHarness;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port another process holds stops {@code nexus serve} at once, with one line that names the port and the fix. */
class ServeBusyPortTest {
    @TempDir
    Path dir;

    @Test
    void serveOnABusyPortExitsWithOneLineNamingThePort() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                NexusHarness nexus = new NexusHarness(dir).env("PORT", String.valueOf(other.getLocalPort()))) {
            NexusHarness.CliResult result = nexus.cliInBackground("serve").await(Duration.ofSeconds(30));
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err().strip()).isEqualTo("nexus: port " + other.getLocalPort()
                    + " on 127.0.0.1 is already in use (stop the other process, or set PORT to a free port)");
            assertThat(result.out()).as("no key is issued for a server that does not run").doesNotContain("sk-nx-");
        }
    }

    @Test
    void startingOnABusyPortFailsBeforeAnythingIsSetUp() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                NexusHarness nexus = new NexusHarness(dir).env("PORT", String.valueOf(other.getLocalPort()))) {
            assertThatThrownBy(nexus::start).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("port " + other.getLocalPort() + " on 127.0.0.1 is already in use");
            assertThat(dir.resolve("nexus.db")).doesNotExist();
        }
    }
}
