package dev.sigil.revocation;

import java.time.Instant;

/** A session was revoked at {@code at}: every access token of it must be refused. Fired inside the transaction. */
public record SessionEnded(String sessionId, Instant at) {
}
