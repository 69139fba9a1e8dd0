package dev.nexus.provider.cloudcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The models an account may use, with quota, from {@code fetchAvailableModels} on the prod host. */
public final class CloudCodeModels {
    private final CloudCodeHttp http;
    private final ObjectMapper json;
    private final CloudCodeProvider.Projects projects;

    public CloudCodeModels(UpstreamHttp client, ObjectMapper json, List<java.net.URI> baseUrls, String userAgent,
            CloudCodeProvider.Projects projects) {
        this.http = new CloudCodeHttp(client, baseUrls, userAgent);
        this.json = json;
        this.projects = projects;
    }

    /**
     * One available model: its id, display name, remaining quota fraction and when the quota window resets (empty when
     * not reported). A model listed without any quota information counts as full (1.0); one whose quota information
     * lacks the fraction is exhausted (0.0), because proto3 JSON leaves zero values out.
     */
    public record Available(String id, String displayName, double remainingFraction, String resetTime) {}

    /**
     * The account's models, asked in its project (discovered on first use).
     *
     * @throws AccountUnavailableException when the account's project cannot be had
     */
    public List<Available> list(String accountId, Secret accessToken)
            throws IOException, InterruptedException, AccountUnavailableException {
        byte[] body = json.writeValueAsBytes(Map.of("project", projects.project(accountId, accessToken)));
        CloudCodeHttp.Exchange exchange = http.postToLast("fetchAvailableModels", body, accessToken);
        if (exchange.status() != 200) {
            throw new IOException("fetchAvailableModels answered HTTP " + exchange.status() + ": " + exchange.errorBody().strip());
        }
        JsonNode root;
        root = json.readTree(exchange.readAll());
        List<Available> models = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode quota = e.getValue().path("quotaInfo");
            double remaining = quota.isObject() ? quota.path("remainingFraction").asDouble(0.0) : 1.0;
            models.add(new Available(e.getKey(), e.getValue().path("displayName").asText(e.getKey()), remaining,
                    quota.path("resetTime").asText("")));
        }
        models.sort(java.util.Comparator.comparing(Available::id));
        return models;
    }
}
