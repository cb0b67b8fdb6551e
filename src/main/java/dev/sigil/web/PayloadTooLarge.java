package dev.sigil.web;

import java.util.Map;

/** 413: the request body is over {@link RequestLimits#MAX_BODY_BYTES}. */
public class PayloadTooLarge extends SigilException {
    public PayloadTooLarge() {
        super(413, "invalid_request", "Payload too large",
                "The request body must not exceed " + RequestLimits.MAX_BODY_BYTES + " bytes.");
    }

    /** RFC 9110 §15.5.14: close, rather than read the rest of a body that may be gigabytes long before answering. */
    @Override
    public Map<String, String> headers() {
        return Map.of("Connection", "close");
    }
}
