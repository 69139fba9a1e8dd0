/**
 * OAuth with upstream identity providers: token refresh and user info for Google (login flows arrive with the
 * account-pool work). Blocking calls on the JDK HttpClient; safe to call from virtual threads. Depends on
 * {@code secret} and Jackson.
 */
package dev.nexus.account.oauth;
