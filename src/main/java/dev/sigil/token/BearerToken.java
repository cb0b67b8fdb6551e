package dev.sigil.token;

import dev.sigil.web.InvalidToken;
import java.util.Optional;

/** Reads the token out of an {@code Authorization: Bearer} header (RFC 6750 §2.1). */
final class BearerToken {

    private static final String SCHEME = "bearer";

    private BearerToken() {
    }

    /**
     * Empty when the header carries no bearer credentials (absent, or another scheme); {@link InvalidToken} when it
     * claims the Bearer scheme but the token is missing, too long or not a b64token.
     */
    static Optional<String> from(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!scheme.equalsIgnoreCase(SCHEME)) {
            return Optional.empty();
        }
        String token = space < 0 ? "" : trimmed.substring(space + 1).strip();
        if (token.isEmpty() || token.length() > AccessTokenVerifier.MAX_TOKEN_LENGTH
                || !isB64Token(token)) {
            throw InvalidToken.rejected();
        }
        return Optional.of(token);
    }

    /**
     * RFC 6750 §2.1 b64token, {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}, checked with a loop:
     * it runs on every authenticated request, where a regex cost some 6 % of the request (bench/README.md).
     */
    static boolean isB64Token(String token) {
        int i = 0;
        int length = token.length();
        while (i < length && isB64Char(token.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < length && token.charAt(i) == '=') {
            i++;
        }
        return i == length;
    }

    private static boolean isB64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
