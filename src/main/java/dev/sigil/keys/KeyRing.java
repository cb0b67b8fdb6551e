package dev.sigil.keys;

import com.auth0.jwt.algorithms.Algorithm;
import dev.sigil.config.JwtAlgorithm;
import dev.sigil.config.SigilConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import dev.sigil.token.Claims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signing key and every key whose tokens may still be live, held in memory: the bearer filter looks keys up
 * here and never in the database. Sources, in order: the HS256 secret, SIGIL_JWT_KEY_FILE, or keys generated once and
 * stored in the database.
 */
@ApplicationScoped
public class KeyRing {

    private SigilConfig config;
    private SigningKeyStore store;
    private Clock clock;

    /** For CDI proxies only. */
    protected KeyRing() {
    }

    @Inject
    public KeyRing(SigilConfig config, SigningKeyStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    private volatile Keys keys;
    private volatile List<Loaded> loaded = List.of();

    /**
     * The signing key, the verification keys by kid, and the JWKS document that publishes them; {@code nextChange} is
     * the next instant at which the ring changes by itself, without a reload: a rotated-in key starts signing, or a
     * retired key has seen its last token expire (null when nothing is due).
     */
    public record Keys(String signingKid, Algorithm signer, Map<String, Algorithm> verifiers, String jwks,
            Instant nextChange) {
    }

    /**
     * A stored key as read at the last reload: it signs from {@code activatesAt} on (unless a newer key does), and is
     * dropped at {@code dropAt} (null while it is not retired).
     */
    record Loaded(String kid, KeyPair pair, Instant activatesAt, Instant dropAt) {
    }

    public Keys keys() {
        Keys current = keys;
        if (current == null) {
            return reload();
        }
        if (current.nextChange() != null && !clock.instant().isBefore(current.nextChange())) {
            // A key starts signing or leaves: republish from memory (no SQL on the request path).
            return publish(loaded);
        }
        return current;
    }

    /** How long after its retirement a key can still verify a live token: access-token TTL plus the leeway. */
    public Duration retention() {
        return Claims.acceptanceWindow(config.accessTokenTtl());
    }

    /** Re-reads the keys (at start, and after a rotation). */
    public synchronized Keys reload() {
        JwtAlgorithm algorithm = config.jwtAlgorithm();
        if (algorithm == JwtAlgorithm.HS256) {
            keys = hmac(config.jwtSecret().orElseThrow());
            return keys;
        }
        if (config.jwtKeyFile().isPresent()) {
            KeyPair pair = KeyMaterial.readPem(config.jwtKeyFile().get(), algorithm);
            return publish(List.of(new Loaded(KeyMaterial.thumbprint(pair.getPublic()), pair, Instant.EPOCH, null)));
        }
        store.ensureActiveKey(algorithm);
        List<Loaded> live = new ArrayList<>();
        // In order of activation. A retired key verifies until its last token expired, counted from its retirement:
        // the instant the key replacing it started signing.
        for (SigningKey key : store.live(algorithm, clock.instant().minus(retention()))) {
            live.add(new Loaded(key.kid(), store.decode(key), key.activatesAt(),
                    key.isRetired() ? key.retiredAt().plus(retention()) : null));
        }
        return publish(live);
    }

    /** Whether keys can be rotated here: only generated keys are; a key file or a secret is rotated by its owner. */
    public boolean rotatable() {
        return config.jwtAlgorithm() != JwtAlgorithm.HS256 && config.jwtKeyFile().isEmpty();
    }

    private synchronized Keys publish(List<Loaded> candidates) {
        Instant now = clock.instant();
        List<Loaded> kept = candidates.stream().filter(key -> key.dropAt() == null || key.dropAt().isAfter(now)).toList();
        Loaded signing = signing(kept, now);
        Map<String, KeyPair> pairs = new LinkedHashMap<>();
        kept.forEach(key -> pairs.put(key.kid(), key.pair()));
        Keys published = fromPairs(config.jwtAlgorithm(), pairs, signing.kid(), nextChange(kept, now));
        loaded = kept;
        keys = published;
        return published;
    }

    /**
     * The key that signs at {@code now}: the one activated last. Every node reads the same activation instants from
     * the database, so every node switches at the same instant. Should no key be active yet (a node whose clock is
     * behind the one that generated the first key), the first to activate signs.
     */
    static Loaded signing(List<Loaded> keys, Instant now) {
        Loaded signing = null;
        for (Loaded key : keys) {
            if (!key.activatesAt().isAfter(now)
                    && (signing == null || !key.activatesAt().isBefore(signing.activatesAt()))) {
                signing = key;
            }
        }
        if (signing != null) {
            return signing;
        }
        return keys.stream().min(java.util.Comparator.comparing(Loaded::activatesAt))
                .orElseThrow(() -> new IllegalStateException("No signing key"));
    }

    static Instant nextChange(List<Loaded> keys, Instant now) {
        return keys.stream()
                .flatMap(key -> java.util.stream.Stream.of(key.dropAt(), key.activatesAt()))
                .filter(at -> at != null && at.isAfter(now))
                .min(Instant::compareTo).orElse(null);
    }

    private static Keys hmac(byte[] secret) {
        // The kid names the secret without revealing it: a truncated hash of a >= 256-bit secret.
        String kid = "hs256-" + HexFormat.of().formatHex(KeyMaterial.sha256(secret), 0, 8);
        Algorithm algorithm = Algorithm.HMAC256(secret);
        // Symmetric keys are never published: the JWKS stays empty.
        return new Keys(kid, algorithm, Map.of(kid, algorithm), jwks(Map.of()), null);
    }

    private static Keys fromPairs(JwtAlgorithm algorithm, Map<String, KeyPair> pairs, String signingKid,
            Instant nextChange) {
        Map<String, Algorithm> verifiers = new LinkedHashMap<>();
        Map<String, PublicKey> published = new LinkedHashMap<>();
        for (Map.Entry<String, KeyPair> entry : pairs.entrySet()) {
            KeyPair pair = entry.getValue();
            Algorithm jwt = algorithm == JwtAlgorithm.RS256
                    ? Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate())
                    : Algorithm.ECDSA256((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
            verifiers.put(entry.getKey(), jwt);
            published.put(entry.getKey(), pair.getPublic());
        }
        return new Keys(signingKid, verifiers.get(signingKid), Map.copyOf(verifiers), jwks(published), nextChange);
    }

    private static String jwks(Map<String, PublicKey> keys) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        keys.forEach((kid, key) -> array.add(jwk(kid, key)));
        return Json.createObjectBuilder().add("keys", array).build().toString();
    }

    private static JsonObjectBuilder jwk(String kid, PublicKey key) {
        JsonObjectBuilder jwk = Json.createObjectBuilder();
        if (key instanceof RSAPublicKey rsa) {
            jwk.add("kty", "RSA").add("use", "sig").add("alg", "RS256").add("kid", kid)
                    .add("n", KeyMaterial.unsigned(rsa.getModulus()))
                    .add("e", KeyMaterial.unsigned(rsa.getPublicExponent()));
        } else {
            ECPublicKey ec = (ECPublicKey) key;
            jwk.add("kty", "EC").add("use", "sig").add("alg", "ES256").add("kid", kid).add("crv", "P-256")
                    .add("x", KeyMaterial.coordinate(ec.getW().getAffineX()))
                    .add("y", KeyMaterial.coordinate(ec.getW().getAffineY()));
        }
        return jwk;
    }
}
