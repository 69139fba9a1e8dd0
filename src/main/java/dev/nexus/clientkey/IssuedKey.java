package dev.nexus.clientkey;

/** A freshly created key: the only object that ever holds the full key, shown to the operator once. */
public record IssuedKey(ClientKey key, String fullKey) {
    @Override
    public String toString() {
        return "IssuedKey[" + key + "]";
    }
}
