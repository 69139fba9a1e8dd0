package dev.nexus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar keeps Helidon's metadata findable as class-path resources: its {@code META-INF/helidon/manifest} is
 * every Helidon jar's manifest appended (the shade plugin's AppendingTransformer). With one jar's copy only, Helidon
 * stops trusting the manifest and opens the whole jar as a zip file system once per metadata file, which cost a
 * starting server ~0.14 s of CPU and tens of MB (docs/footprint.md).
 */
class ShadedJarIT {
    private static final String MANIFEST = "META-INF/helidon/manifest";
    private static final String HEADER = "#HELIDON MANIFEST#";

    @Test
    void helidonsMetadataManifestListsEveryMetadataFileInTheJar() throws IOException {
        try (JarFile jar = new JarFile(Path.of("target/nexus.jar").toFile())) {
            List<String> lines;
            try (var in = jar.getInputStream(jar.getEntry(MANIFEST))) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
            }
            assertThat(lines.stream().filter(HEADER::equals).count()).as("manifests appended").isGreaterThan(1);
            Set<String> listed = lines.stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
            Set<String> inJar = jar.stream().map(e -> e.getName())
                    .filter(n -> n.matches("META-INF/helidon/[^/]+/[^/]+") && !n.endsWith("/")).collect(Collectors.toSet());
            assertThat(inJar).isNotEmpty();
            assertThat(listed).containsAll(inJar);
        }
    }
}
