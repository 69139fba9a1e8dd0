package dev.nexus.account;

import java.util.Optional;

/** The Cloud Code project an account works in, and its subscription tier when known. */
public record ProjectInfo(String projectId, Optional<String> tier) {}
