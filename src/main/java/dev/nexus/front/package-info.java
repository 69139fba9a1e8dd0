/**
 * Fronts: thin HTTP handlers per client surface. Each decodes the client's dialect into the canonical request,
 * hands it to the gateway with a sink that encodes events back in the same dialect (SSE or one JSON body), and
 * renders failures in that dialect's envelope — all through one answer skeleton, {@code ClientAnswer} (stream or
 * collect, the first-byte rule, {@code X-Nexus-Route}, {@code Retry-After}). The Responses surface keeps its stored
 * chains in {@code ResponseChains} and the upstream signatures of stored function calls in {@code ResponseSignatures}. The Gemini API and Vertex key proxies and the catalog providers'
 * pass-through ({@code ProviderProxyFront}, {@code /{provider}/…}) are the exception: they relay the client's bytes with the server's key ({@code KeyProxy} over the gateway's {@code KeyRelay} and the providers'
 * relay transport) without decoding them. Each front also tells the request monitor ({@code Observed}) the route the
 * gateway took, the tokens of the usage events and the error the client got, without changing a byte of the answer.
 * {@code CodexQuotaFront} answers {@code /v1/codex/quota} from the gateway's {@code CodexQuotas}.
 * Uses {@code server} as its HTTP toolkit; depends on {@code dialect}, {@code gateway}, {@code provider} (relay types),
 * {@code account} (key rings), {@code chat}, {@code monitor}, {@code upstream} for the cut that shutdown makes,
 * {@code conversation} (stored responses) and {@code clientkey} (the key a request was admitted with, which owns what
 * it stores) with {@code keylimit} (the request's ticket hears the tokens it used; the key proxies admit it on the
 * path's model).
 */
package dev.nexus.front;
