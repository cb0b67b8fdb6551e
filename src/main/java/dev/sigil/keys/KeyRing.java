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
import java.time.Clock;
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

    /** The signing key, the verification keys by kid, and the JWKS document that publishes them. */
    public record Keys(String signingKid, Algorithm signer, Map<String, Algorithm> verifiers, String jwks) {
    }

    public Keys keys() {
        Keys current = keys;
        return current != null ? current : reload();
    }

    /** Re-reads the keys (at start, and after a rotation). */
    public synchronized Keys reload() {
        JwtAlgorithm algorithm = config.jwtAlgorithm();
        Keys loaded;
        if (algorithm == JwtAlgorithm.HS256) {
            loaded = hmac(config.jwtSecret().orElseThrow());
        } else if (config.jwtKeyFile().isPresent()) {
            KeyPair pair = KeyMaterial.readPem(config.jwtKeyFile().get(), algorithm);
            loaded = fromPairs(algorithm, Map.of(KeyMaterial.thumbprint(pair.getPublic()), pair));
        } else {
            store.ensureActiveKey(algorithm);
            List<SigningKey> live = store.live(algorithm, clock.instant().minus(config.accessTokenTtl()));
            Map<String, KeyPair> pairs = new LinkedHashMap<>();
            // Newest active key signs; retired keys stay until their last token has expired.
            live.stream().filter(SigningKey::isRetired).forEach(k -> pairs.put(k.kid(), decode(k)));
            live.stream().filter(k -> !k.isRetired()).forEach(k -> pairs.put(k.kid(), decode(k)));
            loaded = fromPairs(algorithm, pairs);
        }
        keys = loaded;
        return loaded;
    }

    private static KeyPair decode(SigningKey key) {
        return KeyMaterial.decode(key.algorithm(), key.publicKey(), key.privateKey());
    }

    private static Keys hmac(byte[] secret) {
        // The kid names the secret without revealing it: a truncated hash of a >= 256-bit secret.
        String kid = "hs256-" + HexFormat.of().formatHex(KeyMaterial.sha256(secret), 0, 8);
        Algorithm algorithm = Algorithm.HMAC256(secret);
        // Symmetric keys are never published: the JWKS stays empty.
        return new Keys(kid, algorithm, Map.of(kid, algorithm), jwks(Map.of()));
    }

    private static Keys fromPairs(JwtAlgorithm algorithm, Map<String, KeyPair> pairs) {
        Map<String, Algorithm> verifiers = new LinkedHashMap<>();
        Map<String, PublicKey> published = new LinkedHashMap<>();
        String signingKid = null;
        Algorithm signer = null;
        for (Map.Entry<String, KeyPair> entry : pairs.entrySet()) {
            KeyPair pair = entry.getValue();
            Algorithm jwt = algorithm == JwtAlgorithm.RS256
                    ? Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate())
                    : Algorithm.ECDSA256((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
            verifiers.put(entry.getKey(), jwt);
            published.put(entry.getKey(), pair.getPublic());
            signingKid = entry.getKey();
            signer = jwt;
        }
        if (signer == null) {
            throw new IllegalStateException("No active " + algorithm + " signing key");
        }
        return new Keys(signingKid, signer, Map.copyOf(verifiers), jwks(published));
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
