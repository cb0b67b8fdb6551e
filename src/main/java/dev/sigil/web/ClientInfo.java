package dev.sigil.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as far as the connection tells: the peer address and the User-Agent, both truncated to what
 * the database keeps. Forwarded headers are not trusted: behind a proxy, configure the server to rewrite the peer.
 */
public record ClientInfo(String ip, String userAgent) {

    private static final int MAX_IP = 64;
    private static final int MAX_USER_AGENT = 512;

    public static ClientInfo of(HttpServletRequest request) {
        return new ClientInfo(truncate(request.getRemoteAddr(), MAX_IP),
                truncate(request.getHeader("User-Agent"), MAX_USER_AGENT));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
