/**
 * Operator metrics at {@code GET /metrics}, in the Prometheus text format (0.0.4), through Micrometer's Prometheus
 * registry. A package of its own rather than part of {@code monitor}: the monitor observes requests, while the meters
 * also read the gateway's attempts, the account directory, the cooldown table and the key rings, and the monitor must
 * stay free of those dependencies.
 *
 * <p>Where each series comes from: {@link dev.nexus.metrics.RequestMeters} counts every finished record the request
 * monitor shows it (requests, duration, time to first byte, tokens); {@link dev.nexus.metrics.AttemptMeters} is the
 * gateway's {@link dev.nexus.gateway.AttemptEvents} (upstream attempts and failovers, counted where the failover loop
 * decides); {@link dev.nexus.metrics.HttpServerMeters} every HTTP exchange by method and status (the server's
 * access log tells it); {@link dev.nexus.metrics.StateGauges} reads accounts, cooldowns and dropped records when scraped;
 * {@link dev.nexus.metrics.NexusMetrics} owns the registry with the JVM and process meters, and
 * {@link dev.nexus.metrics.MetricsEndpoint} serves the scrape (auth is the server's {@code AdminAuth}).
 *
 * <p>Labels stay few and never carry a secret or an email: surface, method, status code, provider, outcome, account state,
 * and client key <em>names</em>. Meters are looked up once per label set and cached, so a request costs map lookups
 * and atomic adds, not meter registrations. Depends on {@code monitor} (records), {@code gateway} (the attempt
 * events interface), {@code account} (directory, cooldowns, key rings) and {@code server} (routes). Thread-safe.
 */
package dev.nexus.metrics;
