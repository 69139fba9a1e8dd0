package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CodeAssistSetupTest {
    private final FakeGoogle fake = FakeGoogle.start();
    private final TestHttp http = new TestHttp();

    @AfterEach
    void close() {
        fake.close();
    }

    private JsonNode call(String method, String token, String body) {
        TestHttp.Response response = http.postJson(fake.cloudCodeBaseUrl() + ":" + method, token, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void onboardedAccountLoadsItsTierAndProject() {
        fake.addAccount("alice@example.com", "alice-project");
        String token = fake.issueAccessToken("alice@example.com");

        JsonNode load = call("loadCodeAssist", token, "{\"metadata\":{\"ideType\":\"ANTIGRAVITY\"}}");

        assertThat(load.at("/currentTier/id").asText()).isEqualTo("standard-tier");
        assertThat(load.get("cloudaicompanionProject").asText()).isEqualTo("alice-project");
        assertThat(load.get("allowedTiers").findValuesAsText("id")).contains("free-tier", "standard-tier");
        assertThat(load.has("paidTier")).isFalse();
    }

    @Test
    void projectCanBeReportedInObjectForm() {
        fake.addAccount("alice@example.com", "alice-project");
        fake.projectAsObject(true);

        JsonNode load = call("loadCodeAssist", fake.issueAccessToken("alice@example.com"), "{}");

        assertThat(load.at("/cloudaicompanionProject/id").asText()).isEqualTo("alice-project");
    }

    @Test
    void paidTierIsReportedBesideTheIndividualTier() {
        fake.addAccount("pro@example.com", "pro-project", "g1-pro-tier");

        JsonNode load = call("loadCodeAssist", fake.issueAccessToken("pro@example.com"), "{}");

        assertThat(load.at("/paidTier/id").asText()).isEqualTo("g1-pro-tier");
        assertThat(load.at("/currentTier/id").asText()).isEqualTo("free-tier");
    }

    @Test
    void accountThatWasNeverOnboardedIsOnboardedThroughAPolledOperation() {
        fake.addAccount("new@example.com", "managed-project-1", "free-tier");
        fake.setOnboarded("new@example.com", false);
        String token = fake.issueAccessToken("new@example.com");

        JsonNode before = call("loadCodeAssist", token, "{}");
        assertThat(before.has("currentTier")).isFalse();
        assertThat(before.has("cloudaicompanionProject")).isFalse();
        String defaultTier = before.get("allowedTiers").findParents("isDefault").get(0).get("id").asText();
        assertThat(defaultTier).isEqualTo("free-tier");

        JsonNode started = call("onboardUser", token, "{\"tierId\":\"" + defaultTier + "\",\"metadata\":{\"pluginType\":\"GEMINI\"}}");
        assertThat(started.get("done").asBoolean()).isFalse();
        String name = started.get("name").asText();
        assertThat(name).startsWith("operations/");

        TestHttp.Response polled = http.get(fake.cloudCodeBaseUrl() + "/" + name, token);
        assertThat(polled.status()).isEqualTo(200);
        assertThat(polled.json().get("done").asBoolean()).isTrue();
        assertThat(polled.json().at("/response/cloudaicompanionProject/id").asText()).isEqualTo("managed-project-1");

        JsonNode after = call("loadCodeAssist", token, "{}");
        assertThat(after.at("/currentTier/id").asText()).isEqualTo("free-tier");
        assertThat(after.get("cloudaicompanionProject").asText()).isEqualTo("managed-project-1");
    }

    @Test
    void rePostingOnboardUserAlsoCompletesTheOperation() {
        fake.addAccount("ag@example.com", "ag-project");
        fake.setOnboarded("ag@example.com", false);
        fake.onboardingPolls(2);
        String token = fake.issueAccessToken("ag@example.com");
        String body = "{\"tier_id\":\"standard-tier\",\"metadata\":{\"ide_type\":\"ANTIGRAVITY\"}}";

        assertThat(call("onboardUser", token, body).get("done").asBoolean()).isFalse();
        assertThat(call("onboardUser", token, body).get("done").asBoolean()).isFalse();
        JsonNode done = call("onboardUser", token, body);

        assertThat(done.get("done").asBoolean()).isTrue();
        assertThat(done.at("/response/cloudaicompanionProject/id").asText()).isEqualTo("ag-project");
    }

    @Test
    void freeTierOnboardingThatNamesAProjectFailsItsPrecondition() {
        fake.addAccount("new@example.com", "p", "free-tier");
        fake.setOnboarded("new@example.com", false);

        TestHttp.Response response = http.postJson(fake.cloudCodeBaseUrl() + ":onboardUser", fake.issueAccessToken("new@example.com"),
                "{\"tierId\":\"free-tier\",\"cloudaicompanionProject\":\"my-own\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/error/status").asText()).isEqualTo("FAILED_PRECONDITION");
    }

    @Test
    void operationsOfOtherAccountsAreNotVisible() {
        fake.addAccount("a@example.com", "pa");
        fake.addAccount("b@example.com", "pb");
        fake.setOnboarded("a@example.com", false);
        String name = call("onboardUser", fake.issueAccessToken("a@example.com"), "{\"tierId\":\"standard-tier\"}").get("name").asText();

        TestHttp.Response response = http.get(fake.cloudCodeBaseUrl() + "/" + name, fake.issueAccessToken("b@example.com"));

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void verificationWallShowsAsAnIneligibleTierInDiscovery() {
        fake.addAccount("alice@example.com", "alice-project");
        fake.requireVerification("alice@example.com", "https://accounts.example/verify");

        JsonNode load = call("loadCodeAssist", fake.issueAccessToken("alice@example.com"), "{}");

        assertThat(load.has("currentTier")).isFalse();
        assertThat(load.at("/ineligibleTiers/0/reasonCode").asText()).isEqualTo("VALIDATION_REQUIRED");
        assertThat(load.at("/ineligibleTiers/0/validationUrl").asText()).isEqualTo("https://accounts.example/verify");
    }

    @Test
    void availableModelsCarryEachAccountsRemainingQuota() {
        fake.addAccount("a@example.com", "pa");
        fake.addAccount("b@example.com", "pb");
        fake.setRemainingFraction("a@example.com", "claude-sonnet-4-5", 0.25);
        fake.setRemainingFraction("a@example.com", "gemini-3-flash", 0.0);

        JsonNode a = call("fetchAvailableModels", fake.issueAccessToken("a@example.com"), "{\"project\":\"pa\"}").get("models");
        JsonNode b = call("fetchAvailableModels", fake.issueAccessToken("b@example.com"), "{}").get("models");

        assertThat(a.fieldNames()).toIterable().containsExactlyElementsOf(FakeModel.defaults().stream().map(FakeModel::id).toList())
                .contains("gemini-3-flash", "claude-sonnet-4-5", "gemini-2.5-flash");
        assertThat(a.at("/claude-sonnet-4-5/quotaInfo/remainingFraction").asDouble()).isEqualTo(0.25);
        assertThat(a.at("/gemini-3-flash/quotaInfo").has("remainingFraction")).isFalse();
        assertThat(a.at("/gemini-3-flash/quotaInfo/resetTime").asText()).endsWith("Z");
        assertThat(a.at("/gemini-3-flash/displayName").asText()).isEqualTo("Gemini 3 Flash");
        assertThat(b.at("/claude-sonnet-4-5/quotaInfo/remainingFraction").asDouble()).isEqualTo(1.0);
    }

    @Test
    void modelCatalogueIsConfigurableAndQuotaBucketsFollowIt() {
        fake.addAccount("a@example.com", "pa");
        fake.models(List.of(new FakeModel("only-model", "Only", false, true, 1000, 100)));
        fake.setRemainingFraction("a@example.com", "only-model", 0.5);

        JsonNode quota = call("retrieveUserQuota", fake.issueAccessToken("a@example.com"), "{\"project\":\"pa\"}");

        assertThat(quota.get("buckets")).hasSize(1);
        assertThat(quota.at("/buckets/0/modelId").asText()).isEqualTo("only-model");
        assertThat(quota.at("/buckets/0/remainingFraction").asDouble()).isEqualTo(0.5);
    }

    @Test
    void countTokensIsAQuarterOfTheCharactersRoundedUp() {
        fake.addAccount("a@example.com", "pa");
        String body = "{\"request\":{\"model\":\"models/gemini-3-flash\",\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello world\"}]}]}}";

        JsonNode count = call("countTokens", fake.issueAccessToken("a@example.com"), body);

        assertThat(count.get("totalTokens").asInt()).isEqualTo(3);
    }

    /** Like Cloud Code: generation and countTokens answer 404 NOT_FOUND for a model the caller's catalogue lacks. */
    @Test
    void aModelOutsideTheCallersCatalogueIsNotFound() {
        fake.addAccount("a@example.com", "pa");
        fake.addAccount("b@example.com", "pb");
        fake.models("b@example.com", List.of(new FakeModel("gemini-2.5-flash", "Gemini 2.5 Flash", true, true, 1000, 100)));
        String a = fake.issueAccessToken("a@example.com");
        String b = fake.issueAccessToken("b@example.com");

        for (String method : List.of("generateContent", "streamGenerateContent?alt=sse")) {
            TestHttp.Response unknown = http.postJson(fake.cloudCodeBaseUrl() + ":" + method, a,
                    TestHttp.envelope("pa", "claude-opus-4-8", "hi"));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"status\":\"NOT_FOUND\"", "Requested entity was not found.");
        }
        assertThat(http.postJson(fake.cloudCodeBaseUrl() + ":generateContent", a, TestHttp.envelope("pa", "gemini-3-flash", "hi"))
                .status()).isEqualTo(200);
        assertThat(http.postJson(fake.cloudCodeBaseUrl() + ":generateContent", b, TestHttp.envelope("pb", "gemini-3-flash", "hi"))
                .status()).as("b's own catalogue lacks it").isEqualTo(404);
        assertThat(http.postJson(fake.cloudCodeBaseUrl() + ":countTokens", a,
                "{\"request\":{\"model\":\"models/gemini-9\",\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}}")
                .status()).isEqualTo(404);
        assertThat(call("fetchAvailableModels", b, "{}").get("models").fieldNames()).toIterable().containsExactly("gemini-2.5-flash");
    }
}
