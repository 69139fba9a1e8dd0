/**
 * Secrets: the {@link dev.nexus.secret.Secret} holder that never prints itself, masking rules, AES-GCM
 * encryption at rest ({@link dev.nexus.secret.SecretBox}) and the generated key file. Depends only on the JDK.
 */
package dev.nexus.secret;
