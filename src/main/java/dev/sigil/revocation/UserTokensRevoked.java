package dev.sigil.revocation;

import java.time.Instant;

/** The user's revocation point moved to {@code point}: tokens issued at or before it must be refused. */
public record UserTokensRevoked(String userId, Instant point) {
}
