package dev.sigil.token;

/** Names of the access-token claims and header values (SPEC §3). */
public final class Claims {

    public static final String USERNAME = "upn";
    public static final String GROUPS = "groups";
    public static final String SESSION_ID = "sid";
    /** RFC 9068 §2.1: the media type of a JWT access token, so that no other JWT can pass for one. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";
    /** java-jwt checks iat, nbf and exp with this leeway (SPEC §3). */
    public static final long LEEWAY_SECONDS = 30;

    private Claims() {
    }
}
