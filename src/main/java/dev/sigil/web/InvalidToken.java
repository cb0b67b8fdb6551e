package dev.sigil.web;

import java.util.Map;

/**
 * 401 on a protected endpoint (RFC 6750 §3). Without a token the challenge carries no error code
 * (§3.1: a request that lacks authentication information gets no error); with a bad one it says
 * {@code invalid_token} and nothing about why.
 */
public class InvalidToken extends SigilException {

    private final boolean tokenPresented;

    private InvalidToken(boolean tokenPresented, String detail) {
        super(401, tokenPresented ? "invalid_token" : null, "Unauthorized", detail);
        this.tokenPresented = tokenPresented;
    }

    public static InvalidToken missing() {
        return new InvalidToken(false, "A bearer access token is required.");
    }

    public static InvalidToken rejected() {
        return new InvalidToken(true, "The access token is invalid.");
    }

    @Override
    public Map<String, String> headers() {
        String challenge = tokenPresented
                ? "Bearer realm=\"sigil\", error=\"invalid_token\""
                : "Bearer realm=\"sigil\"";
        return Map.of("WWW-Authenticate", challenge);
    }
}
