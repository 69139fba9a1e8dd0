/**
 * Client API keys: issuing (random, shown once), adopting an existing key (the Go version's, by hash), hashing
 * (SHA-256, the only form stored), verifying against an in-memory snapshot, revoking, and recording last use.
 * Depends only on the JDK; the store implements {@link dev.nexus.clientkey.ClientKeyRepository}.
 */
package dev.nexus.clientkey;
