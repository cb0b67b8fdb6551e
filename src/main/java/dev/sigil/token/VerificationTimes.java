package dev.sigil.token;

/**
 * Told how long the bearer filter spent verifying each access token it was given. Called on every protected request:
 * an implementation must take no lock and allocate nothing.
 */
@FunctionalInterface
public interface VerificationTimes {

    VerificationTimes NONE = (nanos, accepted) -> {
    };

    void verified(long nanos, boolean accepted);
}
