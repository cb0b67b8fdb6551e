package dev.sigil.config;

/** Bounds that hold whatever the configuration says. */
public final class PasswordLimits {

    /** Longer passwords are refused before hashing: Argon2 cost grows with input, and nobody types 1 KiB. */
    public static final int MAX_LENGTH = 1024;

    private PasswordLimits() {
    }
}
