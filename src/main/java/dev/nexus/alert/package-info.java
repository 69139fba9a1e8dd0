/**
 * Alerts for the operator: events that need a person — an account entering {@code needs_relogin} or
 * {@code disabled} ({@link dev.nexus.alert.AccountWatch}, which compares the account directory's snapshots, so a
 * change made by any code path or by the CLI in another process counts), a key ring whose every key the upstream
 * refused (told by {@link dev.nexus.account.ApiKeyRing}), and a budget crossing 90 % (a hook on
 * {@link dev.nexus.alert.Alerts} for the per-key budgets to call). {@link dev.nexus.alert.Alerts} logs one WARN line per
 * event, keeps the recent ones for the dashboard's banner ({@code GET /api/alerts}) and hands them to the
 * {@link dev.nexus.alert.AlertWebhook}, which POSTs a small JSON event to {@code NEXUS_ALERT_WEBHOOK_URL} from a
 * bounded queue on its own thread, retried with backoff: raising an alert never blocks nor fails a request, and a full
 * queue drops the event and counts it.
 *
 * <p>Nothing here carries a secret: subjects name accounts by id and masked email, key rings by provider and count,
 * and reasons pass through the monitor's redaction. Depends on {@code account}, {@code secret} (masks) and
 * {@code monitor} (redaction); Jackson for the webhook's JSON. Thread-safe.
 */
package dev.nexus.alert;
