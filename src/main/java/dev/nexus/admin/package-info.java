/**
 * The admin JSON API under {@code /api/*} used by the dashboard and scripts, and the browser entry point of a
 * Google login ({@code /auth/google/login}); admin auth is applied by the server to both. Thin handlers over the
 * same services the CLI uses. Depends on {@code server}, {@code account} (with {@code account.oauth}) and
 * {@code clientkey}.
 */
package dev.nexus.admin;
