package dev.nexus.alert;

import java.time.Instant;

/**
 * One event the operator should see. Nothing here is a secret: emails are masked and reasons redacted.
 *
 * @param id unique per process, so the dashboard can remember which banners were dismissed
 * @param event an {@link AlertEvent} wire name
 * @param subject what the event is about, e.g. {@code google account acc_1 (o***e@e***.com)}
 * @param reason why, as the upstream or the operator said it
 */
public record Alert(String id, String event, String subject, String reason, Instant at) {}
