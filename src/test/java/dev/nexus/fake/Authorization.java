package dev.nexus.fake;

/**
 * One visit to the authorize endpoint that was answered with a redirect.
 *
 * @param codeChallenge the PKCE challenge, or null when the client sent none
 * @param email the consenting user, or null when consent was denied
 * @param code the one-time code handed out, or null when consent was denied
 */
public record Authorization(
        String clientId,
        String redirectUri,
        String scope,
        String state,
        String accessType,
        String prompt,
        String codeChallenge,
        String codeChallengeMethod,
        String email,
        String code) {}
