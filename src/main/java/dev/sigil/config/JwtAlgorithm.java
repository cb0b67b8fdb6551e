package dev.sigil.config;

/** The signing algorithms Sigil offers. Verification accepts exactly the configured one. */
public enum JwtAlgorithm {
    RS256,
    ES256,
    HS256;

    public boolean isAsymmetric() {
        return this != HS256;
    }
}
