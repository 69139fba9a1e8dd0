package dev.nexus.alert;

/** The kinds of alerts; their wire names are what the webhook and {@code /api/alerts} carry as {@code event}. */
public enum AlertEvent {
    ACCOUNT_NEEDS_RELOGIN("account.needs_relogin"),
    ACCOUNT_DISABLED("account.disabled"),
    KEY_RING_ALL_REFUSED("key_ring.all_refused"),
    BUDGET_90_PERCENT("budget.90_percent");

    private final String wireName;

    AlertEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
