package dev.sigil.session;

import dev.sigil.token.IssuedAccessToken;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The token response of SPEC §4 (RFC 6749 §5.1 field names). */
// JSON-B orders by Java property names.
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "refreshToken", "refreshExpiresIn"})
public record TokenResponse(
        @JsonbProperty("access_token") String accessToken,
        @JsonbProperty("token_type") String tokenType,
        @JsonbProperty("expires_in") long expiresIn,
        @JsonbProperty("refresh_token") String refreshToken,
        @JsonbProperty("refresh_expires_in") long refreshExpiresIn) {

    public static TokenResponse of(IssuedAccessToken access, NewSession session) {
        return new TokenResponse(access.token(), "Bearer", access.expiresIn(), session.refreshToken(),
                session.refreshExpiresIn());
    }
}
