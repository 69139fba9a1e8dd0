package dev.nexus.account.importer;

import java.util.Optional;

/**
 * Where a credential object was found, and what its surroundings say about it.
 *
 * @param label the file name (with {@code [i]} for an element of an array), shown in the import report
 * @param activeGoogleAccount the {@code active} email of a {@code google_accounts.json} beside the file (Gemini CLI
 *     keeps the email there, not in {@code oauth_creds.json})
 */
record Origin(String label, Optional<String> activeGoogleAccount) {}
