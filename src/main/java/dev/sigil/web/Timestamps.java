package dev.sigil.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one precision of every timestamp in a response: whole seconds, as in a token's {@code iat}/{@code exp}
 * (RFC 7519 NumericDate). The clock has nanoseconds and the database keeps microseconds, so without this a value
 * read back differs from the one first answered.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant shown(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
