package dev.nexus.keylimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A key made with {@code nexus keys create --json} and policy options, once the running server knows it. */
record CreatedKey(String id, String secret) {

    static CreatedKey create(NexusHarness nexus, String name, String... options) {
        List<String> args = new ArrayList<>(List.of("keys", "create", "--name", name, "--json"));
        args.addAll(List.of(options));
        NexusHarness.CliResult created = nexus.cli(args.toArray(String[]::new));
        assertThat(created.code()).as(created.err()).isZero();
        JsonNode json = created.json();
        CreatedKey key = new CreatedKey(json.path("id").asText(), json.path("key").asText());
        key.awaitKnownBy(nexus);
        return key;
    }

    /** Servers see keys the CLI made within their change poll. */
    void awaitKnownBy(NexusHarness nexus) {
        NexusHarness.awaitTrue(Duration.ofSeconds(5),
                () -> !nexus.get("/v1/models", "Authorization", "Bearer " + secret).body().contains("unknown or was revoked"));
    }
}
