package dev.sigil.web;

import java.time.Duration;
import java.util.Map;

/** 429 + {@code Retry-After}: the login name is locked after too many failures. */
public class LockedOut extends SigilException {

    private final long retryAfterSeconds;

    public LockedOut(Duration retryAfter) {
        super(429, "invalid_grant", "Too many failed logins", "This account is temporarily locked.");
        // Round up so that a client honouring Retry-After never comes back while still locked.
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
