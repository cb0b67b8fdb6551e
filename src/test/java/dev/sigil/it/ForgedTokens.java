package dev.sigil.it;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;

/**
 * Tokens built by the test, signed with the main server's own key unless a test says otherwise: with a valid
 * signature, only the claim under test can be the reason for a rejection.
 */
final class ForgedTokens {

    private final SigilServer server;
    private final DecodedJWT genuine;

    /** {@code genuine} is a real access token of the server, whose claims the forgeries copy. */
    ForgedTokens(SigilServer server, String genuine) {
        this.server = server;
        this.genuine = JWT.decode(genuine);
    }

    static Algorithm serverKey() {
        KeyPair pair = MainServerKey.pair();
        return Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    }

    /** A builder with every claim and header of the genuine token, valid now. */
    JWTCreator.Builder like(Instant issuedAt) {
        return JWT.create()
                .withHeader(Map.of("typ", "at+jwt"))
                .withKeyId(genuine.getKeyId())
                .withIssuer(server.issuer())
                .withSubject(genuine.getSubject())
                .withClaim("upn", genuine.getClaim("upn").asString())
                .withArrayClaim("groups", genuine.getClaim("groups").asArray(String.class))
                .withAudience("sigil")
                .withIssuedAt(issuedAt)
                .withExpiresAt(issuedAt.plusSeconds(300))
                .withJWTId(java.util.UUID.randomUUID().toString())
                .withClaim("sid", genuine.getClaim("sid").asString());
    }

    String sign(JWTCreator.Builder builder) {
        return builder.sign(serverKey());
    }
}
