package dev.sigil.session;

import jakarta.json.bind.annotation.JsonbProperty;

/** Body of POST /api/auth/refresh and (optionally) POST /api/auth/logout. */
public record RefreshRequest(@JsonbProperty("refresh_token") String refreshToken) {
}
