package dev.nexus.account.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads credential files from disk: one file (an object, or an array of objects), or every {@code *.json} in a
 * directory (such as Antigravity's {@code accounts/}). A file named on its own must be a credential file, so an
 * unreadable or unrecognised one is an error; in a directory such files are skipped with their reason, since
 * directories hold other things too.
 */
public final class CredentialFiles {
    static final String ACCOUNT_LIST = "google_accounts.json";
    private static final String WHAT = "Gemini CLI oauth_creds.json, an Antigravity account file or Codex auth.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CredentialFiles() {}

    /** Everything found at the path, in file order; fails only when nothing sensible can be read there. */
    public static List<ImportEntry> read(Path path) throws ImportException {
        if (Files.isDirectory(path)) {
            return readDirectory(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ImportException("no such file or directory: " + path + " (check the path, e.g. ~/.gemini/oauth_creds.json,"
                    + " ~/.antigravity_tools/accounts/ or ~/.codex/auth.json)");
        }
        JsonNode root;
        try {
            root = parse(path);
        } catch (ImportException e) {
            throw new ImportException(path + " is " + e.getMessage() + " (point --file at " + WHAT + ")");
        }
        if (root.isObject() && CredentialFormat.detect(root).isEmpty()) {
            throw new ImportException(path + " is not a credential file Nexus knows" + shapeHint(root)
                    + " (point --file at " + WHAT + ")");
        }
        if (!root.isObject() && !root.isArray()) {
            throw new ImportException(path + " holds neither a JSON object nor an array (point --file at " + WHAT + ")");
        }
        return entries(path, root);
    }

    private static List<ImportEntry> readDirectory(Path dir) throws ImportException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(f -> {
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            });
        } catch (IOException e) {
            throw new ImportException("cannot list " + dir + ": " + e.getMessage() + " (check its permissions)");
        }
        if (files.isEmpty()) {
            throw new ImportException("no *.json files in " + dir + " (point --file at " + WHAT + ", or a directory of them)");
        }
        files.sort(null);
        List<ImportEntry> entries = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            JsonNode root;
            try {
                root = parse(file);
            } catch (ImportException e) {
                entries.add(new ImportEntry.Skipped(name, e.getMessage()));
                continue;
            }
            if (root.isObject() && CredentialFormat.detect(root).isEmpty()) {
                entries.add(new ImportEntry.Skipped(name, "not a credential file Nexus knows" + shapeHint(root)));
            } else if (root.isObject() || root.isArray()) {
                entries.addAll(entries(file, root));
            } else {
                entries.add(new ImportEntry.Skipped(name, "holds neither a JSON object nor an array"));
            }
        }
        return entries;
    }

    private static List<ImportEntry> entries(Path file, JsonNode root) {
        String name = file.getFileName().toString();
        Optional<String> active = activeAccount(file);
        if (root.isObject()) {
            return List.of(entry(root, new Origin(name, active)));
        }
        List<ImportEntry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            entries.add(entry(root.get(i), new Origin(name + "[" + i + "]", active)));
        }
        return entries;
    }

    private static ImportEntry entry(JsonNode node, Origin origin) {
        return CredentialFormat.detect(node).map(f -> f.parse(node, origin))
                .orElseGet(() -> new ImportEntry.Skipped(origin.label(), "not a credential object Nexus knows"));
    }

    /** A friendlier word for the one neighbour file people are likely to point at. */
    private static String shapeHint(JsonNode root) {
        return root.has("active") && !root.has("refresh_token")
                ? " (it is Gemini CLI's account list, read only for the email of the oauth_creds.json beside it)"
                : "";
    }

    /** The {@code active} email of a Gemini CLI account list beside the file, if there is a readable one. */
    private static Optional<String> activeAccount(Path file) {
        Path list = file.resolveSibling(ACCOUNT_LIST);
        if (!Files.isRegularFile(list)) {
            return Optional.empty();
        }
        try {
            return Json.text(parse(list), "active");
        } catch (ImportException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses JSON. The error is a predicate for "FILE is …" and names the position only, because parser messages quote
     * the text, which may be a token.
     */
    private static JsonNode parse(Path file) throws ImportException {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                throw new ImportException("empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ImportException("not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ImportException("unreadable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
