/**
 * Secrets: the {@link dev.nexus.secret.Secret} holder that never prints itself, masking rules, AES-GCM
 * encryption at rest ({@link dev.nexus.secret.SecretBox}), the generated key file, and files only their owner may read
 * ({@link dev.nexus.secret.OwnerOnlyFiles}: mode 0600 from creation). Depends only on the JDK.
 */
package dev.nexus.secret;
