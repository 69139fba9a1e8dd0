package dev.nexus.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and build time, stamped into the jar by the build. */
public record BuildInfo(String version, String buildTime) {

    public static BuildInfo load() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/nexus-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // fall through to the defaults: a missing stamp must not stop the server
        }
        return new BuildInfo(stamped(props, "version", "dev"), stamped(props, "build_time", "unknown"));
    }

    private static String stamped(Properties props, String key, String fallback) {
        String value = props.getProperty(key, fallback);
        return value.startsWith("${") ? fallback : value;
    }
}
