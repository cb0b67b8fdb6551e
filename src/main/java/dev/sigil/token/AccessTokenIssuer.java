package dev.sigil.token;

import com.auth0.jwt.JWT;
import dev.sigil.config.SigilConfig;
import dev.sigil.keys.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Signs access tokens with the current key: exactly the header and claims of SPEC §3. */
@ApplicationScoped
public class AccessTokenIssuer {

    private SigilConfig config;
    private KeyRing keyRing;
    private Clock clock;

    /** For CDI proxies only. */
    protected AccessTokenIssuer() {
    }

    @Inject
    public AccessTokenIssuer(SigilConfig config, KeyRing keyRing, Clock clock) {
        this.config = config;
        this.keyRing = keyRing;
        this.clock = clock;
    }

    /**
     * A token for the user whose row the caller holds locked. {@code revokedBefore} is that row's revocation point (null
     * if none): taken from the database, not from this node's memory, so that every node judges the token alike.
     */
    public IssuedAccessToken issue(String userId, String username, Set<String> roles, String sessionId,
            Instant revokedBefore) {
        KeyRing.Keys keys = keyRing.keys();
        // Whole seconds, so that exp - iat is exactly the configured TTL in the NumericDate claims; and strictly after
        // the user's revocation point, so a token issued in the same second as a logout-all is not born dead.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant point = revokedBefore;
        if (point != null && !issuedAt.isAfter(point)) {
            issuedAt = point.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        long ttl = config.accessTokenTtl().toSeconds();
        String token = JWT.create()
                .withHeader(Map.of("typ", Claims.ACCESS_TOKEN_TYPE))
                .withKeyId(keys.signingKid())
                .withIssuer(config.issuer())
                .withSubject(userId)
                .withClaim(Claims.USERNAME, username)
                .withArrayClaim(Claims.GROUPS, roles.toArray(String[]::new))
                .withAudience(config.audience())
                .withIssuedAt(issuedAt)
                .withExpiresAt(issuedAt.plusSeconds(ttl))
                .withJWTId(UUID.randomUUID().toString())
                .withClaim(Claims.SESSION_ID, sessionId)
                .sign(keys.signer());
        return new IssuedAccessToken(token, ttl);
    }
}
