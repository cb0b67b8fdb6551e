package dev.sigil.token;

import dev.sigil.web.InvalidToken;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the token out of an {@code Authorization: Bearer} header (RFC 6750 §2.1). */
final class BearerToken {

    // RFC 6750 §2.1 b64token.
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
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
                || !B64TOKEN.matcher(token).matches()) {
            throw InvalidToken.rejected();
        }
        return Optional.of(token);
    }
}
