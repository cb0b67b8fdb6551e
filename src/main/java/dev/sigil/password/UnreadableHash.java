package dev.sigil.password;

/** A password hash that cannot be used. The message is safe to show an admin: it never contains the hash. */
final class UnreadableHash extends Exception {

    UnreadableHash(String message) {
        super(message, null, false, false);
    }
}
