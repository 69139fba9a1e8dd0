package dev.nexus.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Project discovery and onboarding: loadCodeAssist, onboardUser and the long-running operation it starts. */
final class CodeAssistSetup {
    private static final Set<String> BASE_TIERS = Set.of("free-tier", "legacy-tier", "standard-tier");

    /** An onboarding operation; {@code pollsLeft} reaches zero when the account is onboarded. */
    private record Operation(String name, String email, int pollsLeft) {}

    private final Accounts accounts;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final AtomicLong nextOperation = new AtomicLong(1);
    private volatile boolean projectAsObject;
    private volatile int pollsUntilDone = 1;

    CodeAssistSetup(Accounts accounts) {
        this.accounts = accounts;
    }

    void projectAsObject(boolean value) {
        projectAsObject = value;
    }

    void pollsUntilDone(int polls) {
        if (polls < 1) {
            throw new IllegalArgumentException("an operation needs at least one poll to finish");
        }
        pollsUntilDone = polls;
    }

    void loadCodeAssist(CloudCall call) throws IOException {
        AccountState account = call.account();
        String base = baseTier(account.tierId());
        ObjectNode body = Json.object();
        boolean walled = account.validationLink() != null;
        if (account.onboarded() && !walled) {
            body.set("currentTier", tier(base, false).put("hasOnboardedPreviously", true));
        }
        ArrayNode allowed = body.putArray("allowedTiers");
        for (String id : allowedTiers(base)) {
            allowed.add(tier(id, id.equals(base)));
        }
        if (walled) {
            body.putArray("ineligibleTiers").addObject()
                    .put("reasonCode", "VALIDATION_REQUIRED")
                    .put("reasonMessage", GoogleErrors.VERIFY_ACCOUNT)
                    .put("tierId", base)
                    .put("tierName", tierName(base))
                    .put("validationUrl", account.validationLink())
                    .put("validationUrlLinkText", "Verify your account");
        }
        if (!BASE_TIERS.contains(account.tierId())) {
            body.putObject("paidTier").put("id", account.tierId()).put("name", tierName(account.tierId()));
        }
        if (account.onboarded() && !walled) {
            if (projectAsObject) {
                body.set("cloudaicompanionProject", project(account));
            } else {
                body.put("cloudaicompanionProject", account.projectId());
            }
        }
        call.ok(body);
    }

    void onboardUser(CloudCall call) throws IOException {
        AccountState account = call.account();
        String tierId = Json.text(call.body(), "tierId", "tier_id");
        if (tierId == null || !allowedTiers(baseTier(account.tierId())).contains(tierId)) {
            call.fail(GoogleErrors.invalidArgument("Request contains an invalid argument."));
            return;
        }
        String project = Json.text(call.body(), "cloudaicompanionProject", "cloudaicompanion_project");
        // Free-tier projects are Google-managed; naming one is refused as Gemini CLI documents.
        if (tierId.equals("free-tier") && project != null) {
            call.fail(GoogleErrors.failedPrecondition("Precondition check failed."));
            return;
        }
        if (project != null && !project.equals(account.projectId())) {
            call.fail(GoogleErrors.projectDenied(project));
            return;
        }
        if (account.onboarded()) {
            call.ok(done(new Operation(newOperationName(), account.email(), 0)));
            return;
        }
        Operation running = operations.values().stream().filter(o -> o.email().equals(account.email())).findFirst().orElse(null);
        if (running == null) {
            Operation started = new Operation(newOperationName(), account.email(), pollsUntilDone);
            operations.put(started.name(), started);
            call.ok(Json.object().put("name", started.name()).put("done", false));
        } else {
            call.ok(advance(running));
        }
    }

    /** GET {@code operations/{id}}; another account's operation is as invisible as a missing one. */
    void operation(CloudCall call, String name) throws IOException {
        Operation operation = operations.get(name);
        if (operation == null || !operation.email().equals(call.account().email())) {
            call.fail(GoogleErrors.notFound("Requested entity was not found."));
            return;
        }
        call.ok(advance(operation));
    }

    private ObjectNode advance(Operation operation) {
        Operation next = new Operation(operation.name(), operation.email(), Math.max(0, operation.pollsLeft() - 1));
        operations.put(next.name(), next);
        if (next.pollsLeft() > 0) {
            return Json.object().put("name", next.name()).put("done", false);
        }
        accounts.update(next.email(), a -> a.withOnboarded(true));
        return done(next);
    }

    private ObjectNode done(Operation operation) {
        ObjectNode body = Json.object().put("name", operation.name()).put("done", true);
        ObjectNode response = body.putObject("response")
                .put("@type", "type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse");
        response.set("cloudaicompanionProject", project(accounts.get(operation.email())));
        return body;
    }

    private String newOperationName() {
        return "operations/" + nextOperation.getAndIncrement();
    }

    private static ObjectNode project(AccountState account) {
        return Json.object().put("id", account.projectId()).put("name", account.projectId());
    }

    private static ObjectNode tier(String id, boolean isDefault) {
        ObjectNode tier = Json.object().put("id", id).put("name", tierName(id))
                .put("description", tierName(id) + " (fake)")
                .put("userDefinedCloudaicompanionProject", !id.equals("free-tier"));
        if (isDefault) {
            tier.put("isDefault", true);
        }
        return tier;
    }

    private static List<String> allowedTiers(String base) {
        return base.equals("legacy-tier") ? List.of("legacy-tier", "free-tier", "standard-tier") : List.of("free-tier", "standard-tier");
    }

    // Google One subscriptions ride on the individual tier and show up additionally as paidTier.
    private static String baseTier(String tierId) {
        return BASE_TIERS.contains(tierId) ? tierId : "free-tier";
    }

    private static String tierName(String id) {
        return switch (id) {
            case "free-tier" -> "Gemini Code Assist for individuals";
            case "standard-tier" -> "Gemini Code Assist Standard";
            case "legacy-tier" -> "Gemini Code Assist";
            case "g1-pro-tier" -> "Google AI Pro";
            case "g1-ultra-tier" -> "Google AI Ultra";
            default -> id;
        };
    }
}
