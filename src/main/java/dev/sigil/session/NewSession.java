package dev.sigil.session;

/** A session just started or rotated: its id and the refresh token value (shown to the client once). */
public record NewSession(String sessionId, String refreshToken, long refreshExpiresIn) {
}
