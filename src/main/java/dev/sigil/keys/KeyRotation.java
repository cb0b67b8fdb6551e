package dev.sigil.keys;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.SigilConfig;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Conflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Rotates the generated signing key. Normally the new key is published in the JWKS at once and signs only after
 * SIGIL_KEY_ACTIVATION_DELAY, once every verifier's cached JWKS holds it; the old key signs until then and keeps
 * verifying (and stays in the JWKS) until the last token it signed has expired. An immediate rotation, for a
 * compromised key, signs with the new key at once and withdraws every other key. The new key is stored and committed
 * before this node publishes it.
 */
@ApplicationScoped
public class KeyRotation {

    @Inject
    SigilConfig config;

    @Inject
    SigningKeyStore store;

    @Inject
    KeyRing keyRing;

    @Inject
    AuditLog audit;

    public SigningKeyStore.Rotation rotate(boolean immediate, String actor, ClientInfo client) {
        if (!keyRing.rotatable()) {
            throw new Conflict(config.jwtKeyFile().isPresent()
                    ? "The signing key comes from SIGIL_JWT_KEY_FILE: rotate it by replacing the file and restarting."
                    : "HS256 signs with SIGIL_JWT_SECRET: rotate it by changing the secret and restarting.");
        }
        SigningKeyStore.Rotation rotation = immediate ? store.rotateImmediately(config.jwtAlgorithm())
                : store.rotate(config.jwtAlgorithm(), config.keyActivationDelay());
        keyRing.reload();
        audit.record(AuditType.KEY_ROTATED, actor, client, "kid " + rotation.kid() + ", signing from "
                + rotation.activatesAt() + (immediate ? ", immediate, withdrawn " + String.join(" ", rotation.withdrawn())
                        : ", retired " + String.join(" ", rotation.retired())));
        return rotation;
    }
}
