package dev.sigil.token;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

/** The caller, as a verified access token describes them. Built from the token alone. */
public record SigilPrincipal(
        String userId,
        String username,
        Set<String> roles,
        String sessionId,
        String tokenId,
        Instant issuedAt,
        Instant expiresAt) implements Principal {

    @Override
    public String getName() {
        return username;
    }
}
