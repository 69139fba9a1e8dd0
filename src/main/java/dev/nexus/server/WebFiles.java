package dev.nexus.server;

import dev.nexus.secret.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files of the classpath folder {@code web/}, read once and kept with their ETag. The folder is part of the jar, so
 * its content cannot change while the process runs. Thread-safe.
 */
final class WebFiles {
    private static final String ROOT = "web/";

    private final ClassLoader loader;
    /** Only files that exist: names asked for in vain are not kept, so odd requests cannot grow the map. */
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    /** A file's content and a strong validator derived from it. */
    record File(byte[] bytes, String etag) {}

    WebFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** @param name a path below {@code web/} that the caller has checked (no {@code ..}, no leading slash) */
    Optional<File> find(String name) {
        File cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<File> loaded = load(name);
        loaded.ifPresent(file -> cache.putIfAbsent(name, file));
        return loaded;
    }

    private Optional<File> load(String name) {
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new File(bytes, "\"" + HexFormat.of().formatHex(Sha256.of(bytes), 0, 12) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + name + " from the jar", e);
        }
    }
}
