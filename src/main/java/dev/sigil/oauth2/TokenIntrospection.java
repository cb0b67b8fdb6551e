package dev.sigil.oauth2;

import dev.sigil.config.SigilConfig;
import dev.sigil.session.SessionLookup;
import dev.sigil.token.AccessTokenVerifier;
import dev.sigil.token.SigilPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * RFC 7662 §2.2: what an introspection answers. An access token is active when it passes the full verification of a
 * protected endpoint (revocation included); a refresh token when a refresh would rotate it now (the live token of an
 * active session). Anything else is {@code {"active":false}} and nothing more, whatever the reason.
 */
@ApplicationScoped
public class TokenIntrospection {

    static final JsonObject INACTIVE = Json.createObjectBuilder().add("active", false).build();

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    SessionLookup sessions;

    @Inject
    SigilConfig config;

    public JsonObject introspect(String token) {
        if (Tokens.looksLikeJwt(token)) {
            return TokenRevocation.verified(verifier, token).map(this::accessToken).orElse(INACTIVE);
        }
        return sessions.liveRefreshToken(token).map(live -> {
            JsonObjectBuilder json = active(live.userId(), live.username(), live.clientId(), "refresh_token",
                    live.expiresAt(), live.issuedAt());
            return json.add("sid", live.sessionId()).build();
        }).orElse(INACTIVE);
    }

    private JsonObject accessToken(SigilPrincipal holder) {
        JsonObjectBuilder json = active(holder.userId(), holder.username(),
                sessions.clientIdOf(holder.sessionId()).orElse(null), "Bearer", holder.expiresAt(),
                holder.issuedAt());
        return json.add("aud", config.audience())
                .add("jti", holder.tokenId())
                .add("sid", holder.sessionId())
                .add("roles", Json.createArrayBuilder(holder.roles().stream().sorted().toList()))
                .build();
    }

    private JsonObjectBuilder active(String sub, String username, String clientId, String tokenType, Instant exp,
            Instant iat) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("active", true)
                .add("sub", sub)
                .add("username", username);
        if (clientId != null) {
            json.add("client_id", clientId);
        }
        return json.add("token_type", tokenType)
                .add("exp", exp.getEpochSecond())
                .add("iat", iat.getEpochSecond())
                .add("iss", config.issuer());
    }
}
