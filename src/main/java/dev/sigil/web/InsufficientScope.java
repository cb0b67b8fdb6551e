package dev.sigil.web;

import java.util.Map;

/** 403: the token is valid but lacks the role the endpoint requires (RFC 6750 §3.1). */
public class InsufficientScope extends SigilException {
    public InsufficientScope() {
        super(403, "insufficient_scope", "Forbidden", "The access token lacks a required role.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", "Bearer realm=\"sigil\", error=\"insufficient_scope\"");
    }
}
