package dev.sigil.browser;

import dev.sigil.session.TokenResponse;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The browser mode's token response: the access token for the page's memory and the session's CSRF token; the refresh
 * token travels only in the HttpOnly cookie (SPEC §8).
 */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "csrfToken"})
public record BrowserTokenResponse(
        @JsonbProperty("access_token") String accessToken,
        @JsonbProperty("token_type") String tokenType,
        @JsonbProperty("expires_in") long expiresIn,
        @JsonbProperty("csrf_token") String csrfToken) {

    static BrowserTokenResponse of(TokenResponse tokens, String csrfToken) {
        return new BrowserTokenResponse(tokens.accessToken(), tokens.tokenType(), tokens.expiresIn(), csrfToken);
    }
}
