/**
 * The gateway: resolves the client model through the model routes, asks the account pool for an account, calls the
 * provider, and decides — here and nowhere else — what a failure means (refresh and retry, next account, or an error
 * event for the client). Also restores tool-call signatures for clients that cannot carry them. Runs on the
 * request's virtual thread; depends on {@code chat}, {@code account}, {@code provider}.
 */
package dev.nexus.gateway;
