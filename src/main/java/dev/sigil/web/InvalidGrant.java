package dev.sigil.web;

/**
 * 401: the credentials or the refresh token are not accepted (RFC 6749 §5.2 {@code invalid_grant}).
 * The detail is the same for every cause, so that the answer tells an attacker nothing.
 */
public class InvalidGrant extends SigilException {
    public InvalidGrant() {
        super(401, "invalid_grant", "Invalid grant", "The credentials or the grant are invalid.");
    }
}
