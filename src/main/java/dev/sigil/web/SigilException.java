package dev.sigil.web;

import java.util.Map;
import java.util.Optional;

/**
 * The one exception family of Sigil: each subclass names an outcome that the client may see.
 * {@code detail} must be safe to show: never a token, a hash, a secret, or why exactly a token failed.
 */
public abstract class SigilException extends RuntimeException {

    private final int status;
    private final String error;
    private final String title;

    protected SigilException(int status, String error, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** RFC 6749 / RFC 6750 error code, when the outcome has one. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Response headers this outcome requires (e.g. {@code WWW-Authenticate}, {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
