package dev.sigil.login;

/** Body of POST /api/auth/login. */
public record LoginRequest(String username, String password) {
}
