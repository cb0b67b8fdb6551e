package dev.sigil.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as far as the request tells: the peer address and the User-Agent, both truncated to what the
 * database keeps, and the OAuth 2.0 {@code client_id} the caller named (null outside /oauth2/, and when it named
 * none). Forwarded headers are not trusted: behind a proxy, configure the server to rewrite the peer. A client_id is
 * a label a public client chooses, not proof of anything.
 */
public record ClientInfo(String ip, String userAgent, String clientId) {

    private static final int MAX_IP = 64;
    private static final int MAX_USER_AGENT = 512;

    public ClientInfo(String ip, String userAgent) {
        this(ip, userAgent, null);
    }

    public static ClientInfo of(HttpServletRequest request) {
        return new ClientInfo(truncate(request.getRemoteAddr(), MAX_IP),
                truncate(request.getHeader("User-Agent"), MAX_USER_AGENT));
    }

    /** The same caller, naming the OAuth 2.0 client {@code id} (already validated; null for none). */
    public ClientInfo withClientId(String id) {
        return new ClientInfo(ip, userAgent, id);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
