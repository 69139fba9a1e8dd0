/**
 * HTTP to upstreams: the one client every outbound call goes through (Cloud Code, Google OAuth, the Gemini API and
 * Vertex key relays). Blocking, on the calling virtual thread; Helidon's HTTP/1.1 WebClient underneath.
 *
 * <p>Depends on nothing of Nexus; {@code provider} and {@code account} use it.
 */
package dev.nexus.upstream;
