package dev.sigil.oauth2;

import dev.sigil.web.SigilException;

/** 400 {@code unsupported_grant_type} (RFC 6749 §5.2): Sigil issues tokens for the password and refresh_token grants. */
public class UnsupportedGrantType extends SigilException {

    public UnsupportedGrantType() {
        super(400, "unsupported_grant_type", "Unsupported grant type",
                "The grant_type must be password or refresh_token.");
    }
}
