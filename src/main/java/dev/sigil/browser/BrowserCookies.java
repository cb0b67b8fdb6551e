package dev.sigil.browser;

/**
 * The two cookies of the browser mode (SPEC §8), as Set-Cookie values. Both carry the {@code __Host-} prefix, which
 * the browser accepts only with {@code Secure}, {@code Path=/} and no {@code Domain} (RFC 6265bis §4.1.3.2): no other
 * host, subdomains included, can set or shadow them. {@code SameSite=Strict}: a request another site starts carries
 * neither. The refresh token's is {@code HttpOnly}, out of reach of the page's script; the CSRF token's is not, so that
 * a page loaded anew can read it and send it back in the X-CSRF-Token header (double submit).
 */
final class BrowserCookies {

    static final String REFRESH = "__Host-sigil_refresh";
    static final String CSRF = "__Host-sigil_csrf";

    private BrowserCookies() {
    }

    /** The refresh token's cookie, living as long as the token: until the session's idle or absolute end. */
    static String refresh(String token, long maxAgeSeconds) {
        return cookie(REFRESH, token, maxAgeSeconds) + "; HttpOnly";
    }

    static String csrf(String token, long maxAgeSeconds) {
        return cookie(CSRF, token, maxAgeSeconds);
    }

    /** Both cookies removed (RFC 6265 §3.1: a Max-Age of zero expires a cookie at once). */
    static String[] cleared() {
        return new String[] {refresh("", 0), csrf("", 0)};
    }

    private static String cookie(String name, String value, long maxAgeSeconds) {
        return name + "=" + value + "; Max-Age=" + Math.max(0, maxAgeSeconds) + "; Path=/; Secure; SameSite=Strict";
    }
}
