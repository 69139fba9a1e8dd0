package dev.nexus.account.oauth;

import java.net.URI;

/** A started login: the attempt waiting for its callback, and the consent page to send the browser to. */
public record LoginAttempt(LoginFlow flow, URI consentUrl) {}
