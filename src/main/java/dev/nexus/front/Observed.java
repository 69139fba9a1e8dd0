package dev.nexus.front;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Usage;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.gemini.UsageMetadata;
import dev.nexus.gateway.Protocol;
import dev.nexus.keylimit.KeyTicket;
import dev.nexus.gateway.RequestContext;
import dev.nexus.gateway.RouteTrace;
import dev.nexus.monitor.Observation;
import dev.nexus.monitor.Route;
import dev.nexus.dialect.openai.ChatCompletionsEvents;
import dev.nexus.provider.ChatCompletionsRelay;
import dev.nexus.provider.GeminiSink;
import dev.nexus.server.KeyTickets;
import dev.nexus.server.Observations;
import dev.nexus.server.RequestIds;
import io.helidon.webserver.http.ServerRequest;

/**
 * What fronts tell the request monitor: the route the gateway took (read when the request is over), the tokens the
 * canonical usage events report, and the error the client got. The taps pass every event on unchanged, in order, and
 * never throw.
 */
final class Observed {
    private Observed() {}

    /** The gateway context of a request, its route trace shown to the monitor. */
    static RequestContext context(ServerRequest req, Protocol protocol) {
        RequestContext ctx = RequestContext.of(RequestIds.of(req), protocol, Headers.pinnedAccount(req), KeyTickets.of(req));
        route(req, ctx.trace());
        return ctx;
    }

    static void route(ServerRequest req, RouteTrace trace) {
        Observations.of(req).route(() -> route(trace));
    }

    private static Route route(RouteTrace trace) {
        String clientModel = trace.clientModel().isEmpty() ? null : trace.clientModel();
        return trace.last()
                .map(a -> new Route(clientModel, a.provider(), a.model().isEmpty() ? null : a.model(), a.accountId(),
                        a.accountLabel(), trace.render()))
                .orElseGet(() -> new Route(clientModel, null, null, null, null, trace.render().equals("none") ? null : trace.render()));
    }

    /** Passes events to {@code sink}, noting usage and failure on the way. */
    static EventSink events(ServerRequest req, EventSink sink) {
        Observation observation = Observations.of(req);
        KeyTicket ticket = KeyTickets.of(req);
        return event -> {
            try {
                switch (event) {
                    case ChatEvent.UsageUpdate update -> usage(observation, ticket, update.usage());
                    case ChatEvent.Finish finish -> usage(observation, ticket, finish.usage());
                    case ChatEvent.Failure failure -> observation.error(failure.error().message());
                    default -> { }
                }
            } catch (RuntimeException ignored) {
                // observing must not change the answer
            }
            sink.accept(event);
        };
    }

    /** Passes relayed Gemini answers to {@code sink}, noting their {@code usageMetadata} and any failure. */
    static GeminiSink answers(ServerRequest req, GeminiSink sink) {
        Observation observation = Observations.of(req);
        KeyTicket ticket = KeyTickets.of(req);
        return new GeminiSink() {
            @Override
            public void accept(JsonNode response) {
                try {
                    JsonNode metadata = response.get("usageMetadata");
                    if (metadata != null && metadata.isObject()) {
                        usage(observation, ticket, UsageMetadata.usage(metadata));
                    }
                } catch (RuntimeException ignored) {
                    // observing must not change the answer
                }
                sink.accept(response);
            }

            @Override
            public void fail(UpstreamError error) {
                observation.error(error.message());
                sink.fail(error);
            }
        };
    }

    /** Passes a relayed Chat Completions answer to {@code sink}, noting the usage it reports (only events that carry one are parsed). */
    static ChatCompletionsRelay.Sink chatAnswers(ServerRequest req, ChatCompletionsRelay.Sink sink) {
        Observation observation = Observations.of(req);
        KeyTicket ticket = KeyTickets.of(req);
        return new ChatCompletionsRelay.Sink() {
            @Override
            public void event(byte[] data) {
                note(data);
                sink.event(data);
            }

            @Override
            public void body(byte[] body) {
                note(body);
                sink.body(body);
            }

            private void note(byte[] json) {
                try {
                    if (ChatCompletionsEvents.mayCarryUsage(json)) {
                        ChatCompletionsEvents.usage(json).ifPresent(usage -> usage(observation, ticket, usage));
                    }
                } catch (java.io.IOException | RuntimeException ignored) {
                    // observing must not change the answer
                }
            }
        };
    }

    /**
     * A usage of zero (an upstream that reported none) does not hide counts reported earlier. The client key's ticket
     * hears the same counts, and adds the last ones to the key's token counters when the request ends.
     */
    private static void usage(Observation observation, KeyTicket ticket, Usage usage) {
        if (usage != null && usage.totalTokens() > 0) {
            observation.usage(usage.inputTokens(), usage.outputTokens());
            ticket.usage(usage.inputTokens(), usage.outputTokens());
        }
    }
}
