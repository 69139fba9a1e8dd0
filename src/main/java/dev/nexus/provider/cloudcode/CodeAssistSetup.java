package dev.nexus.provider.cloudcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.ProjectInfo;
import dev.nexus.account.ProjectResolver;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds an account's Cloud Code project the way Gemini CLI does: {@code loadCodeAssist}; when the account has no
 * current tier yet, {@code onboardUser} on its default tier and poll the long-running operation until it is done.
 */
public final class CodeAssistSetup implements ProjectResolver {
    private static final int MAX_POLLS = 30;

    private final CloudCodeHttp http;
    private final ObjectMapper json;
    private final Duration pollInterval;

    public CodeAssistSetup(UpstreamHttp client, ObjectMapper json, List<java.net.URI> baseUrls, String userAgent, Duration pollInterval) {
        this.http = new CloudCodeHttp(client, baseUrls, userAgent);
        this.json = json;
        this.pollInterval = pollInterval;
    }

    @Override
    public ProjectInfo resolve(Secret accessToken) throws AccountUnavailableException {
        JsonNode load = call("loadCodeAssist", metadataBody(), accessToken);
        Optional<String> tier = tierOf(load);
        Optional<String> project = projectOf(load.path("cloudaicompanionProject"));
        if (load.has("currentTier") && project.isPresent()) {
            return new ProjectInfo(project.get(), tier);
        }
        String tierId = defaultTier(load);
        ObjectNode onboard = metadataBody();
        onboard.put("tierId", tierId);
        JsonNode operation = call("onboardUser", onboard, accessToken);
        for (int poll = 0; !operation.path("done").asBoolean(false); poll++) {
            if (poll >= MAX_POLLS) {
                throw new AccountUnavailableException(503, "Cloud Code onboarding did not finish in time (operation "
                        + operation.path("name").asText("?") + "); try again in a minute");
            }
            if (poll > 0) {
                pause();
            }
            operation = get(operation.path("name").asText(""), accessToken);
        }
        Optional<String> onboarded = projectOf(operation.path("response").path("cloudaicompanionProject"));
        if (onboarded.isEmpty()) {
            throw new AccountUnavailableException(503, "Cloud Code onboarding finished without a project; the account may"
                    + " be ineligible (" + ineligibility(load) + ")");
        }
        return new ProjectInfo(onboarded.get(), Optional.of(tierId));
    }

    private ObjectNode metadataBody() {
        ObjectNode body = json.createObjectNode();
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("ideType", "IDE_UNSPECIFIED");
        metadata.put("platform", "PLATFORM_UNSPECIFIED");
        metadata.put("pluginType", "GEMINI");
        return body;
    }

    /** {@code paidTier.id} wins over {@code currentTier.id}. */
    static Optional<String> tierOf(JsonNode load) {
        String paid = load.path("paidTier").path("id").asText("");
        String current = load.path("currentTier").path("id").asText("");
        return Optional.of(paid.isEmpty() ? current : paid).filter(s -> !s.isEmpty());
    }

    /** The project comes as a plain string or as {@code {"id": …, "name": …}}. */
    static Optional<String> projectOf(JsonNode node) {
        String id = node.isTextual() ? node.asText() : node.path("id").asText("");
        return Optional.of(id).filter(s -> !s.isBlank());
    }

    private static String defaultTier(JsonNode load) {
        for (JsonNode tier : load.path("allowedTiers")) {
            if (tier.path("isDefault").asBoolean(false)) {
                return tier.path("id").asText("legacy-tier");
            }
        }
        return "legacy-tier";
    }

    private static String ineligibility(JsonNode load) {
        JsonNode first = load.path("ineligibleTiers").path(0);
        return first.isMissingNode() ? "no reason given" : first.path("reasonCode").asText("") + ": " + first.path("reasonMessage").asText("");
    }

    private JsonNode call(String method, ObjectNode body, Secret token) throws AccountUnavailableException {
        try {
            return read(http.postToLast(method, json.writeValueAsBytes(body), token), method);
        } catch (IOException e) {
            throw new AccountUnavailableException(503, "cannot reach Cloud Code for " + method + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountUnavailableException(503, "interrupted during " + method, e);
        }
    }

    private JsonNode get(String operation, Secret token) throws AccountUnavailableException {
        try {
            return read(http.getFromLast(operation, token), operation);
        } catch (IOException e) {
            throw new AccountUnavailableException(503, "cannot poll Cloud Code operation " + operation + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountUnavailableException(503, "interrupted while polling " + operation, e);
        }
    }

    private JsonNode read(CloudCodeHttp.Exchange exchange, String what) throws IOException, AccountUnavailableException {
        if (exchange.status() != 200) {
            throw new AccountUnavailableException(503, "Cloud Code " + what + " answered HTTP " + exchange.status() + ": "
                    + exchange.errorBody().strip());
        }
        return json.readTree(exchange.readAll());
    }

    private void pause() throws AccountUnavailableException {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountUnavailableException(503, "interrupted while waiting for onboarding", e);
        }
    }
}
