package dev.sigil.web;

import java.util.Map;

/** 408: the request body stopped arriving (RFC 9110 §15.5.9); the connection is closed. */
public class RequestTimeout extends SigilException {
    public RequestTimeout() {
        super(408, "invalid_request", "Request timeout", "The request body did not arrive in time.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Connection", "close");
    }
}
