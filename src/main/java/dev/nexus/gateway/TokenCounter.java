package dev.nexus.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nexus.account.Account;
import dev.nexus.account.AccountPool;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.Lease;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Part;
import dev.nexus.chat.Tool;
import dev.nexus.dialect.DialectException;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Provider;
import dev.nexus.secret.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Input-token counts for a request ({@code count_tokens}): the upstream's own count for the routed target model when
 * it can give one, plus a local estimate of the tool declarations it does not count; a local estimate of everything
 * when it cannot. Identical requests within a minute are answered from a cache, because Claude Code asks dozens of
 * times at start-up.
 */
public final class TokenCounter {
    /** About four characters of JSON or text per token: the usual rule of thumb for English and code. */
    static final int CHARS_PER_TOKEN = 4;
    /** Gemini's fixed charge for one image. */
    static final int TOKENS_PER_MEDIA = 258;

    private final ModelResolver resolver;
    private final ProviderPolicy policy;
    private final AccountPool pool;
    private final Map<String, Provider> providers;
    private final RequestLimits limits;
    private final Cache<String, Long> recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    public TokenCounter(ModelResolver resolver, ProviderPolicy policy, AccountPool pool, Map<String, Provider> providers,
            RequestLimits limits) {
        this.resolver = resolver;
        this.policy = policy;
        this.pool = pool;
        this.providers = Map.copyOf(providers);
        this.limits = limits;
    }

    /**
     * @throws RequestLimitException when the request is over the {@link RequestLimits}, as it would be for messages
     * @throws DialectException (400) when the route, or the client's name unrouted, would ask the upstream for a model
     *     id of the wrong shape: the same refusal, before any upstream call, as a request for an answer gets
     * @throws DialectException (404) when nothing resolves the model name ({@link ModelResolver}), listing the models
     */
    public long count(ChatRequest request, byte[] rawBody) {
        limits.check(request);
        ModelRoutes.Target target = switch (resolver.resolve(request.model(), ThinkingAsked.by(request))) {
            case ModelResolver.Resolution.Resolved resolved -> resolved.target();
            case ModelResolver.Resolution.Unknown unknown -> throw new DialectException(404, unknown.message(), "model");
        };
        policy.targetProblem(request.model(), target).ifPresent(problem -> {
            throw new DialectException(400, problem, "model");
        });
        return recent.get(sha256(request.model(), rawBody), key -> compute(request, target));
    }

    private long compute(ChatRequest request, ModelRoutes.Target target) {
        Provider provider = providers.get(target.provider());
        ChatRequest routed = request.withModel(target.model());
        long tools = estimate(toolText(routed));
        if (provider != null) {
            OptionalLong upstream = upstreamCount(provider, routed);
            if (upstream.isPresent()) {
                return upstream.getAsLong() + tools;
            }
        }
        return estimate(requestText(routed)) + tools + media(routed) * TOKENS_PER_MEDIA;
    }

    private OptionalLong upstreamCount(Provider provider, ChatRequest request) {
        try {
            List<Account> ready = pool.candidates(request.model(), Optional.empty(), Optional.empty()).ready();
            if (ready.isEmpty()) {
                return OptionalLong.empty();
            }
            Lease lease = pool.lease(ready.get(0));
            return provider.countTokens(request, new Credentials(lease.credentialId(), lease.accessToken()));
        } catch (AccountUnavailableException e) {
            return OptionalLong.empty();
        }
    }

    static long estimate(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    private static String toolText(ChatRequest request) {
        StringBuilder out = new StringBuilder();
        for (Tool tool : request.tools()) {
            if (tool instanceof Tool.Function f) {
                out.append(f.name()).append(f.description().orElse("")).append(f.parameters());
            }
        }
        return out.toString();
    }

    private static String requestText(ChatRequest request) {
        StringBuilder out = new StringBuilder();
        request.system().forEach(p -> text(p, out));
        request.messages().forEach(m -> m.parts().forEach(p -> text(p, out)));
        return out.toString();
    }

    private static void text(Part part, StringBuilder out) {
        switch (part) {
            case Part.Text t -> out.append(t.text());
            case Part.Thinking t -> out.append(t.redacted() ? "" : t.text());
            case Part.ToolCall c -> out.append(c.name()).append(c.arguments());
            case Part.ToolResult r -> r.content().forEach(p -> text(p, out));
            case Part.Media m -> { }
        }
    }

    private static long media(ChatRequest request) {
        return request.messages().stream().flatMap(m -> m.parts().stream()).filter(p -> p instanceof Part.Media).count();
    }

    private String sha256(String model, byte[] body) {
        MessageDigest digest = Sha256.digest();
        digest.update(model.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(body);
        return HexFormat.of().formatHex(digest.digest());
    }
}
