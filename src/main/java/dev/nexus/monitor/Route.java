package dev.nexus.monitor;

/**
 * Where a request went, as the gateway decided it; every field may be null (a request refused before routing).
 *
 * @param accountId the last account (or upstream key, {@code key1}…) tried
 * @param account its masked email or masked key label
 * @param attempts the {@code X-Nexus-Route} text: the final attempt and the ones tried before
 */
public record Route(String clientModel, String provider, String targetModel, String accountId, String account, String attempts) {
    public static final Route NONE = new Route(null, null, null, null, null, null);
}
