package dev.sigil.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.sigil.config.SigilConfig;
import dev.sigil.keys.KeyRing;
import dev.sigil.revocation.RevocationRegistry;
import dev.sigil.web.InvalidToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies an access token in memory, without SQL. Rejects: an {@code alg} other than the configured one ({@code none}
 * included), a {@code typ} other than {@code at+jwt}, a {@code kid} not in the key ring, a bad signature, {@code exp}
 * passed or {@code nbf}/{@code iat} in the future beyond 30 s, a wrong {@code iss} or {@code aud}, a missing claim,
 * a revoked session, and a token issued before the user's revocation point. Every rejection is the same
 * {@link InvalidToken}; the reason is logged at FINE only.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    /** Far above any token Sigil issues; longer input is refused before it is parsed. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class.getName());

    private SigilConfig config;
    private KeyRing keyRing;
    private RevocationRegistry revocations;
    private Clock clock;

    /** For CDI proxies only. */
    protected AccessTokenVerifier() {
    }

    @Inject
    public AccessTokenVerifier(SigilConfig config, KeyRing keyRing, RevocationRegistry revocations, Clock clock) {
        this.config = config;
        this.keyRing = keyRing;
        this.revocations = revocations;
        this.clock = clock;
    }

    private volatile Verifiers verifiers;

    /** One immutable java-jwt verifier per kid, built once per key set. */
    private record Verifiers(KeyRing.Keys keys, Map<String, JWTVerifier> byKid) {
    }

    public SigilPrincipal verify(String token) {
        try {
            if (token.length() > MAX_TOKEN_LENGTH) {
                throw reject("token too long");
            }
            DecodedJWT jwt = JWT.decode(token);
            if (!config.jwtAlgorithm().name().equals(jwt.getAlgorithm())) {
                throw reject("alg " + jwt.getAlgorithm());
            }
            if (!Claims.ACCESS_TOKEN_TYPE.equals(jwt.getType())) {
                throw reject("typ " + jwt.getType());
            }
            JWTVerifier verifier = jwt.getKeyId() == null ? null : verifiers().byKid().get(jwt.getKeyId());
            if (verifier == null) {
                throw reject("unknown kid");
            }
            verifier.verify(jwt);
            SigilPrincipal principal = principal(jwt);
            if (revocations.isRevoked(principal.sessionId(), principal.userId(), principal.issuedAt())) {
                throw reject("revoked");
            }
            return principal;
        } catch (JWTVerificationException e) {
            throw reject(e.getClass().getSimpleName());
        }
    }

    private static SigilPrincipal principal(DecodedJWT jwt) {
        List<String> groups = jwt.getClaim(Claims.GROUPS).asList(String.class);
        String username = jwt.getClaim(Claims.USERNAME).asString();
        String sessionId = jwt.getClaim(Claims.SESSION_ID).asString();
        if (groups == null || username == null || sessionId == null || jwt.getId() == null) {
            throw reject("claims");
        }
        return new SigilPrincipal(jwt.getSubject(), username, new LinkedHashSet<>(groups), sessionId, jwt.getId(),
                jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant());
    }

    private Verifiers verifiers() {
        KeyRing.Keys keys = keyRing.keys();
        Verifiers current = verifiers;
        if (current != null && current.keys() == keys) {
            return current;
        }
        Map<String, JWTVerifier> byKid = new HashMap<>();
        keys.verifiers().forEach((kid, algorithm) -> byKid.put(kid, build(algorithm)));
        Verifiers built = new Verifiers(keys, Map.copyOf(byKid));
        verifiers = built;
        return built;
    }

    private JWTVerifier build(Algorithm algorithm) {
        JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(config.issuer())
                .withAudience(config.audience())
                .withClaimPresence("sub")
                .withClaimPresence("iat")
                .withClaimPresence("exp")
                .withClaimPresence("jti")
                .withClaimPresence(Claims.SESSION_ID)
                .withClaimPresence(Claims.USERNAME)
                .withClaimPresence(Claims.GROUPS)
                .acceptLeeway(Claims.LEEWAY_SECONDS);
        return verification.build(clock);
    }

    private static InvalidToken reject(String reason) {
        LOG.log(Level.FINE, "Access token rejected: {0}", reason);
        return InvalidToken.rejected();
    }
}
