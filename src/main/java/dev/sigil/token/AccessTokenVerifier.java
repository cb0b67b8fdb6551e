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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies an access token in memory, without SQL. Rejects: an {@code alg} other than the configured one ({@code none}
 * included), a {@code typ} other than {@code at+jwt}, a {@code kid} not in the key ring, a bad signature, {@code exp}
 * reached (no leeway: refused from the second it names) or {@code nbf}/{@code iat} in the future beyond 30 s, a wrong {@code iss} or {@code aud}, a missing claim,
 * a revoked session, and a token issued before the user's revocation point. Every rejection is the same
 * {@link InvalidToken}; the reason is logged at FINE only.
 * <p>
 * Tokens whose signature and claims verified are remembered, keyed by the exact token string, so that the same token
 * presented again skips the decoding and the signature check (most of the cost of an authenticated request). A hit
 * still checks {@code exp}, {@code nbf} and {@code iat} against the clock in the same way, and still consults the
 * revocation registry: only the work whose result cannot change is skipped. The cache lives as long as the ring holds
 * the same keys (a hit also checks that its kid is still there), and is dropped when the key set changes; it holds at
 * most {@link #CACHE_CAPACITY} tokens, drops expired ones first and otherwise the oldest (all tokens live as long, so
 * the oldest are the first to expire).
 */
@ApplicationScoped
public class AccessTokenVerifier {

    /** Far above any token Sigil issues; longer input is refused before it is parsed. */
    static final int MAX_TOKEN_LENGTH = 8192;

    /** Verified tokens remembered per key set: some 10 MB at most (a token and its principal take about 1 KB). */
    static final int CACHE_CAPACITY = 10_000;

    private static final Duration LEEWAY = Duration.ofSeconds(Claims.LEEWAY_SECONDS);

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class.getName());

    private SigilConfig config;
    private KeyRing keyRing;
    private RevocationRegistry revocations;
    private Clock clock;
    private int cacheCapacity;

    /** For CDI proxies only. */
    protected AccessTokenVerifier() {
    }

    @Inject
    public AccessTokenVerifier(SigilConfig config, KeyRing keyRing, RevocationRegistry revocations, Clock clock) {
        this(config, keyRing, revocations, clock, CACHE_CAPACITY);
    }

    AccessTokenVerifier(SigilConfig config, KeyRing keyRing, RevocationRegistry revocations, Clock clock,
            int cacheCapacity) {
        this.config = config;
        this.keyRing = keyRing;
        this.revocations = revocations;
        this.clock = clock;
        this.cacheCapacity = cacheCapacity;
    }

    private volatile Verifiers verifiers;

    /** One immutable java-jwt verifier per kid, built once per key set, and the tokens verified with that key set. */
    private record Verifiers(KeyRing.Keys keys, Map<String, JWTVerifier> byKid, VerifiedTokens verified) {
    }

    /**
     * What a hit needs: the principal, the time claims to check again (nbf is optional, so it is kept here), and the
     * kid that verified the signature.
     */
    private record Verified(SigilPrincipal principal, Instant notBefore, String kid) {
    }

    public SigilPrincipal verify(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw reject("token too long");
        }
        Verifiers current = verifiers();
        Verified verified = current.verified().get(token);
        boolean hit = verified != null;
        if (!hit) {
            verified = verifySignatureAndClaims(token, current);
        } else if (!current.byKid().containsKey(verified.kid())) {
            throw reject("unknown kid (cached token)");
        } else if (!timely(verified, clock.instant())) {
            throw reject("exp, nbf or iat (cached token)");
        }
        SigilPrincipal principal = verified.principal();
        if (revocations.isRevoked(principal.sessionId(), principal.userId(), principal.issuedAt())) {
            throw reject("revoked");
        }
        if (!hit) {
            current.verified().put(token, verified, clock.instant());
        }
        return principal;
    }

    /** The number of tokens remembered now (for tests). */
    int cachedTokens() {
        return verifiers().verified().size();
    }

    /**
     * The time checks, made on every verification, cached or not, with the clock truncated to whole seconds as
     * java-jwt does: {@code exp} must be after now (java-jwt would still accept the second {@code exp} names); {@code
     * nbf} and {@code iat} must not be after now plus the leeway.
     */
    private static boolean timely(Verified verified, Instant instant) {
        Instant latest = instant.truncatedTo(ChronoUnit.SECONDS).plus(LEEWAY);
        return !expired(verified, instant)
                && !latest.isBefore(verified.principal().issuedAt())
                && (verified.notBefore() == null || !latest.isBefore(verified.notBefore()));
    }

    private static boolean expired(Verified verified, Instant instant) {
        return !instant.truncatedTo(ChronoUnit.SECONDS).isBefore(verified.principal().expiresAt());
    }

    /** The full verification, for a token not in the cache. */
    private Verified verifySignatureAndClaims(String token, Verifiers current) {
        try {
            DecodedJWT jwt = JWT.decode(token);
            if (!config.jwtAlgorithm().name().equals(jwt.getAlgorithm())) {
                throw reject("alg " + jwt.getAlgorithm());
            }
            if (!Claims.ACCESS_TOKEN_TYPE.equals(jwt.getType())) {
                throw reject("typ " + jwt.getType());
            }
            JWTVerifier verifier = jwt.getKeyId() == null ? null : current.byKid().get(jwt.getKeyId());
            if (verifier == null) {
                throw reject("unknown kid");
            }
            verifier.verify(jwt);
            Verified verified = new Verified(principal(jwt), jwt.getNotBeforeAsInstant(), jwt.getKeyId());
            if (!timely(verified, clock.instant())) {
                throw reject("exp reached");
            }
            return verified;
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
        // Unmodifiable: a cached principal is shared by every request that presents the same token.
        return new SigilPrincipal(jwt.getSubject(), username, Collections.unmodifiableSet(new LinkedHashSet<>(groups)),
                sessionId, jwt.getId(), jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant());
    }

    private Verifiers verifiers() {
        KeyRing.Keys keys = keyRing.keys();
        Verifiers current = verifiers;
        if (current != null && current.keys() == keys) {
            return current;
        }
        Map<String, JWTVerifier> byKid = new HashMap<>();
        keys.verifiers().forEach((kid, algorithm) -> byKid.put(kid, build(algorithm)));
        // The ring republishes its keys when it re-reads them (every few seconds with generated keys). The same keys
        // keep the cache; any other key set starts with an empty one, so that a token whose key has left the ring is
        // verified again, and fails.
        VerifiedTokens verified = current != null && sameKeys(current.keys(), keys) ? current.verified()
                : new VerifiedTokens(cacheCapacity);
        Verifiers built = new Verifiers(keys, Map.copyOf(byKid), verified);
        verifiers = built;
        return built;
    }

    /**
     * The same kids and the same published public keys. A kid is the key's thumbprint (RFC 7638) or, for HS256, a
     * hash of the secret, and the JWKS holds every public key: equal kids and equal JWKS mean the same keys.
     */
    private static boolean sameKeys(KeyRing.Keys before, KeyRing.Keys after) {
        return before.verifiers().keySet().equals(after.verifiers().keySet()) && before.jwks().equals(after.jwks());
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
                .acceptLeeway(Claims.LEEWAY_SECONDS)
                .acceptExpiresAt(0);
        return verification.build(clock);
    }

    /**
     * A bounded map of verified tokens: a concurrent map for the lookups (no lock on a hit), and the tokens in the
     * order they were added. Adding one (on a miss, after a full verification) first drops expired tokens from the
     * oldest end, then the oldest while the map is over capacity.
     */
    private static final class VerifiedTokens {
        private final int capacity;
        private final Map<String, Verified> byToken = new ConcurrentHashMap<>();
        private final Deque<String> oldestFirst = new ArrayDeque<>();

        VerifiedTokens(int capacity) {
            this.capacity = capacity;
        }

        Verified get(String token) {
            return byToken.get(token);
        }

        synchronized void put(String token, Verified verified, Instant now) {
            if (capacity <= 0 || byToken.putIfAbsent(token, verified) != null) {
                return;
            }
            oldestFirst.addLast(token);
            for (String oldest = oldestFirst.peekFirst(); oldest != null; oldest = oldestFirst.peekFirst()) {
                Verified entry = byToken.get(oldest);
                if (byToken.size() <= capacity && entry != null && !expired(entry, now)) {
                    break;
                }
                oldestFirst.removeFirst();
                byToken.remove(oldest);
            }
        }

        int size() {
            return byToken.size();
        }
    }

    private static InvalidToken reject(String reason) {
        LOG.log(Level.FINE, "Access token rejected: {0}", reason);
        return InvalidToken.rejected();
    }
}
