package dev.sigil.cluster;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What one node tells the others through PostgreSQL NOTIFY: ids and instants only, never a token or a key. The
 * payload is one line, {@code session <id> <instant>}, {@code user <id> <instant>} or {@code keys}, far below
 * PostgreSQL's 8000-byte limit.
 */
public record ChangeNotice(Kind kind, String id, Instant at) {

    /** The channel every node LISTENs on. */
    public static final String CHANNEL = "sigil_changes";

    public enum Kind {
        /** A session was revoked at {@code at}. */
        SESSION,
        /** Tokens of user {@code id} issued at or before {@code at} are dead. */
        USER,
        /** The signing keys changed: re-read them. */
        KEYS
    }

    public static ChangeNotice session(String sessionId, Instant at) {
        return new ChangeNotice(Kind.SESSION, sessionId, at);
    }

    public static ChangeNotice user(String userId, Instant point) {
        return new ChangeNotice(Kind.USER, userId, point);
    }

    public static ChangeNotice keys() {
        return new ChangeNotice(Kind.KEYS, null, null);
    }

    public String payload() {
        return kind == Kind.KEYS ? "keys" : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id + " " + at;
    }

    /** The notice a payload carries, or empty when it is not one this version understands. */
    public static Optional<ChangeNotice> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        if (payload.equals("keys")) {
            return Optional.of(keys());
        }
        String[] parts = payload.split(" ", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = Instant.parse(parts[2]);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return switch (parts[0]) {
            case "session" -> Optional.of(session(parts[1], at));
            case "user" -> Optional.of(user(parts[1], at));
            default -> Optional.empty();
        };
    }
}
