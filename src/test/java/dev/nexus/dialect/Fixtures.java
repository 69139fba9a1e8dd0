package dev.nexus.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Table tests from folders: {@code dialect/<dialect>/<direction>/<case>/{in.json,out.json}}, named as {@code "<dialect>/<direction>"}. A case's folder name is the
 * behaviour it pins, written with dashes.
 */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** One argument triple per case folder: the behaviour sentence, in.json and out.json. */
    public static Stream<Arguments> cases(String direction) {
        Path root = folder(direction);
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory).sorted().map(dir -> Arguments.of(
                    dir.getFileName().toString().replace('-', ' '), read(dir.resolve("in.json")), read(dir.resolve("out.json"))))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same JSON with numbers normalised (an int and a long of equal value compare equal after this). */
    public static JsonNode normalised(JsonNode node) {
        return parse(node.toString());
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path folder(String direction) {
        URL url = Fixtures.class.getResource("/dialect/" + direction);
        if (url == null) {
            throw new IllegalStateException("no fixtures for " + direction);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
