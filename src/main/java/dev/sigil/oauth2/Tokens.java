package dev.sigil.oauth2;

/** Tells Sigil's two kinds of token apart by shape: a JWS has dots, a refresh token (base64url) none. */
final class Tokens {

    private Tokens() {
    }

    static boolean looksLikeJwt(String token) {
        return token.indexOf('.') >= 0;
    }
}
