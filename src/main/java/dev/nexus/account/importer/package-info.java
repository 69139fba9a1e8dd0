/**
 * Importing accounts from credential files other tools wrote: Gemini CLI's {@code oauth_creds.json}, Antigravity
 * account files (flat and nested), and Codex's {@code auth.json}. {@link dev.nexus.account.importer.CredentialFiles}
 * reads a file or a directory of them, {@link dev.nexus.account.importer.CredentialFormat} recognises each JSON shape
 * (never the file name), one small parser per format turns it into an
 * {@link dev.nexus.account.importer.ImportEntry}, and {@link dev.nexus.account.importer.GoogleDetails} asks Google for
 * what a Google credential lacks (email, project). Parsers are pure functions over JSON; only
 * {@code CredentialFiles} reads the disk and only {@code GoogleDetails} calls the network. Nothing here stores
 * anything: the caller upserts the results through {@link dev.nexus.account.AccountRepository}. Error messages and
 * skip reasons never contain a token. Stateless, so thread-safe.
 */
package dev.nexus.account.importer;
