package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JWKS verified by an independent JOSE library (Nimbus), not by the one Sigil signs with. */
class JwksIT {

    @Test
    void jwksHoldsPublicKeysOnly() throws Exception {
        SigilServer server = SigilServer.main();
        Http.Reply reply = server.http().get("/.well-known/jwks.json");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"));
        assertEquals("public, max-age=60", reply.header("Cache-Control").orElse(""), "SIGIL_JWKS_MAX_AGE's default");
        JWKSet set = JWKSet.parse(reply.body());
        assertFalse(set.getKeys().isEmpty());
        for (JWK key : set.getKeys()) {
            assertFalse(key.isPrivate(), "no private key material in " + key);
        }
        for (String privateMember : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"")) {
            assertFalse(reply.body().contains(privateMember), privateMember + " in " + reply.body());
        }
        RSAKey published = set.getKeys().get(0).toRSAKey();
        assertEquals(MainServerKey.pair().getPublic(), published.toRSAPublicKey());
        assertEquals(published.computeThumbprint().toString(), published.getKeyID(), "kid is the RFC 7638 thumbprint");
    }

    @Test
    void accessTokenVerifiesWithTheJwksKeyItNames() throws Exception {
        SigilServer server = SigilServer.main();
        Accounts accounts = new Accounts(server);
        String token = accounts.accessToken(accounts.createUser("jwks"));
        JWKSet set = JWKSet.parse(server.http().get("/.well-known/jwks.json").body());

        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        RSAKey key = set.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) key.toPublicKey())));
        assertEquals(server.issuer(), jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of("sigil"), jwt.getJWTClaimsSet().getAudience());
    }
}
