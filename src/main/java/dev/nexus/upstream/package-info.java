/**
 * HTTP to upstreams: the one client every outbound call goes through (Cloud Code, Google OAuth, the Gemini API and
 * Vertex key relays). Blocking, on the calling virtual thread; Helidon's HTTP/1.1 WebClient underneath, on
 * connections {@link dev.nexus.upstream.KeptConnections} keeps. {@link dev.nexus.upstream.CallsInFlight} knows the calls
 * open at any moment, so that shutdown can end them at its deadline and the requests they serve still answer their
 * clients properly, and so that one watch thread can bound every call's waiting.
 *
 * <p>Depends on nothing of Nexus but {@code io} (bodies read whole); {@code provider} and {@code account} use it; {@code gateway}
 * and {@code front} read whether shutdown has cut the calls.
 */
package dev.nexus.upstream;
