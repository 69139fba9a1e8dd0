package dev.nexus.account.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.oauth.ChatGptIdentity;
import dev.nexus.secret.Secret;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * A Codex CLI {@code auth.json} an account is linked to. Nexus re-reads it before refreshing (the Codex CLI on this
 * machine may have refreshed meanwhile, and then only the file holds the live refresh token) and writes the rotated
 * tokens back after refreshing (else the Codex CLI would be left with a refresh token OpenAI has retired). Writes keep
 * the file's shape and every field Nexus does not own, replace it atomically, and leave it readable by its owner only.
 */
public final class AuthFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    public AuthFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The tokens a file holds; the id_token and expiry may be missing. */
    public record Tokens(Secret accessToken, Secret refreshToken, Optional<String> idToken, Optional<Instant> expiresAt) {}

    /**
     * The tokens in the file now.
     *
     * @throws IOException when it cannot be read or holds no ChatGPT login (tokens.access_token and refresh_token)
     */
    public Tokens read() throws IOException {
        JsonNode tokens = JSON.readTree(path.toFile()).path("tokens");
        String access = tokens.path("access_token").asText("");
        String refresh = tokens.path("refresh_token").asText("");
        if (access.isBlank() || refresh.isBlank()) {
            throw new IOException(path + " holds no ChatGPT login (tokens.access_token and tokens.refresh_token)");
        }
        Optional<String> id = Optional.of(tokens.path("id_token").asText("")).filter(s -> !s.isBlank());
        return new Tokens(Secret.of(access), Secret.of(refresh), id, ChatGptIdentity.expiry(access));
    }

    /**
     * Writes refreshed tokens into the file: {@code tokens.access_token}, {@code refresh_token}, {@code id_token} (only
     * when a new one came) and {@code last_refresh}; everything else stays as it was.
     */
    public void write(Secret accessToken, Secret refreshToken, Optional<String> idToken, Instant refreshedAt) throws IOException {
        JsonNode existing = Files.exists(path) ? JSON.readTree(path.toFile()) : null;
        ObjectNode root = existing instanceof ObjectNode object ? object : JSON.createObjectNode().put("auth_mode", "chatgpt");
        ObjectNode tokens = root.path("tokens") instanceof ObjectNode object ? object : root.putObject("tokens");
        tokens.put("access_token", accessToken.reveal());
        tokens.put("refresh_token", refreshToken.reveal());
        idToken.ifPresent(id -> tokens.put("id_token", id));
        root.put("last_refresh", refreshedAt.toString());
        byte[] bytes = JSON.writeValueAsBytes(root);
        Path temp = createOwnerOnly(path.resolveSibling("." + path.getFileName() + ".nexus-" + System.nanoTime()));
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            Files.delete(file);
            return createOwnerOnly(file);
        }
    }
}
