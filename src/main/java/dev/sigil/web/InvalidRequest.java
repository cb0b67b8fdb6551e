package dev.sigil.web;

/** 400: the request is malformed or misses a field (RFC 6749 §5.2 {@code invalid_request}). */
public class InvalidRequest extends SigilException {
    public InvalidRequest(String detail) {
        super(400, "invalid_request", "Invalid request", detail);
    }
}
