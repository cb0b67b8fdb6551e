package dev.sigil.token;

/** A signed access token and its lifetime in seconds. */
public record IssuedAccessToken(String token, long expiresIn) {
}
