/**
 * Enforcing client-key policies (issue 17): the per-request {@link dev.nexus.keylimit.KeyTicket} (model globs, requests
 * and tokens per minute, concurrent requests, UTC daily and monthly token budgets) and the counters behind it, in this
 * process ({@link dev.nexus.keylimit.LocalCounters}) or shared by a fleet through Redis
 * ({@link dev.nexus.keylimit.SharedCounters}, falling back to local counting while Redis is away). Day and month totals
 * are kept in the store ({@link dev.nexus.keylimit.KeyUsageRepository}) so a restart does not reset budgets.
 * Depends on {@code clientkey}, {@code chat} (the refusal as an {@code UpstreamError}), Lettuce and SLF4J.
 */
package dev.nexus.keylimit;
