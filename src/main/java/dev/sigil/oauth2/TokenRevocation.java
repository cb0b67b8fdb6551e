package dev.sigil.oauth2;

import dev.sigil.session.SessionControl;
import dev.sigil.token.AccessTokenVerifier;
import dev.sigil.token.SigilPrincipal;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * RFC 7009: a refresh token ends its session; an access token that verifies (signature, claims, not expired, not
 * revoked) ends its session ({@code sid}), through the same session ending as a logout, so the revocation reaches every
 * node. Anything else (unknown, malformed, expired, already revoked) changes nothing and is no error (§2.2).
 */
@ApplicationScoped
public class TokenRevocation {

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    SessionControl sessions;

    public void revoke(String token, ClientInfo client) {
        if (Tokens.looksLikeJwt(token)) {
            verified(verifier, token).ifPresent(holder -> sessions.revoke(holder, client));
        } else {
            sessions.revokeRefreshToken(token, client);
        }
    }

    /** The holder of an access token that passes the full verification; empty for any other token. */
    static Optional<SigilPrincipal> verified(AccessTokenVerifier verifier, String token) {
        try {
            return Optional.of(verifier.verify(token));
        } catch (InvalidToken rejected) {
            return Optional.empty();
        }
    }
}
