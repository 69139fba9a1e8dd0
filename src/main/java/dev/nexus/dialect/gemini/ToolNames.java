package dev.nexus.dialect.gemini;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Client tool names and the names Gemini accepts for them. Gemini wants a leading letter or underscore, then only
 * {@code a-z A-Z 0-9 _ . : -}, at most 64 characters. Legal names map to themselves; others are sanitised
 * deterministically (illegal characters become {@code _}, a leading {@code _} is added when needed, long or colliding
 * names are cut and get an 8-hex hash of the client name), so the same tools always get the same names.
 *
 * @param safeByClient client name → Gemini name, for every name that was registered
 */
public record ToolNames(Map<String, String> safeByClient) {
    static final int MAX_LENGTH = 64;
    private static final int HASHED_PREFIX = MAX_LENGTH - 9;

    public ToolNames {
        safeByClient = Map.copyOf(safeByClient);
    }

    /** No registered names: legal names pass unchanged, illegal ones are sanitised on the fly. */
    public static ToolNames none() {
        return new ToolNames(Map.of());
    }

    /** Registers names in order; legal names first, so a sanitised name never takes a legal one's place. */
    public static ToolNames of(Collection<String> clientNames) {
        Map<String, String> safe = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String name : clientNames) {
            if (isLegal(name) && taken.add(name)) {
                safe.put(name, name);
            }
        }
        for (String name : clientNames) {
            if (safe.containsKey(name)) {
                continue;
            }
            String candidate = sanitise(name);
            if (!taken.add(candidate)) {
                candidate = hashed(candidate, name);
                taken.add(candidate);
            }
            safe.put(name, candidate);
        }
        return new ToolNames(safe);
    }

    /** The name to send upstream for a client name. */
    public String safe(String clientName) {
        String known = safeByClient.get(clientName);
        return known != null ? known : sanitise(clientName);
    }

    /** The client's name for a name the upstream used; unknown names are returned as they are. */
    public String client(String safeName) {
        for (Map.Entry<String, String> entry : safeByClient.entrySet()) {
            if (entry.getValue().equals(safeName)) {
                return entry.getKey();
            }
        }
        return safeName;
    }

    static boolean isLegal(String name) {
        return name.equals(sanitise(name));
    }

    static String sanitise(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (char c : name.toCharArray()) {
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-');
            out.append(allowed ? c : '_');
        }
        if (out.isEmpty() || !(Character.isLetter(out.charAt(0)) || out.charAt(0) == '_')) {
            out.insert(0, '_');
        }
        String cleaned = out.toString();
        return cleaned.length() > MAX_LENGTH ? hashed(cleaned, name) : cleaned;
    }

    private static String hashed(String cleaned, String clientName) {
        CRC32 crc = new CRC32();
        crc.update(clientName.getBytes(StandardCharsets.UTF_8));
        String prefix = cleaned.substring(0, Math.min(cleaned.length(), HASHED_PREFIX));
        return prefix + "_" + String.format("%08x", crc.getValue());
    }
}
