package dev.sigil.token;

import java.time.Duration;

/** Names of the access-token claims and header values (SPEC §3). */
public final class Claims {

    public static final String USERNAME = "upn";
    public static final String GROUPS = "groups";
    public static final String SESSION_ID = "sid";
    /** RFC 9068 §2.1: the media type of a JWT access token, so that no other JWT can pass for one. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";
    /** The clock skew allowed on iat and nbf; none on exp (SPEC §3). */
    public static final long LEEWAY_SECONDS = 30;

    private Claims() {
    }

    /**
     * How long after an event an access token issued before it can still be accepted: the token lifetime, the
     * leeway (a node whose clock runs ahead may have stamped a later iat), and the second {@code iat} is rounded to. A revocation or a retired key matters for this long, no longer.
     */
    public static Duration acceptanceWindow(Duration accessTokenTtl) {
        return accessTokenTtl.plusSeconds(LEEWAY_SECONDS + 1);
    }
}
