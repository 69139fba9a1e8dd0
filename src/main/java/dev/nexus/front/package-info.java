/**
 * Fronts: thin HTTP handlers per client surface. Each decodes the client's dialect into the canonical request,
 * hands it to the gateway with a sink that encodes events back in the same dialect (SSE or one JSON body), and
 * renders failures in that dialect's envelope. Uses {@code server} as its HTTP toolkit; depends on {@code dialect},
 * {@code gateway}, {@code chat}.
 */
package dev.nexus.front;
