/**
 * The admin JSON API under {@code /api/*} used by the dashboard and scripts (admin auth is applied by the server).
 * Thin handlers over the same services the CLI uses. Depends on {@code server}, {@code account}, {@code clientkey}.
 */
package dev.nexus.admin;
