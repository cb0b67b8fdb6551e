package dev.sigil.web;

/** 413: the request body is over {@link RequestLimits#MAX_BODY_BYTES}. */
public class PayloadTooLarge extends SigilException {
    public PayloadTooLarge() {
        super(413, "invalid_request", "Payload too large",
                "The request body must not exceed " + RequestLimits.MAX_BODY_BYTES + " bytes.");
    }
}
