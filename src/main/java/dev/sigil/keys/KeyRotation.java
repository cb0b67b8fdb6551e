package dev.sigil.keys;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.config.SigilConfig;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.Conflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Rotates the generated signing key: the new key signs from now on, the old one keeps verifying (and stays in the
 * JWKS) until the last token it signed has expired. The new key is stored and committed before this node publishes it.
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

    public SigningKeyStore.Rotation rotate(String actor, ClientInfo client) {
        if (!keyRing.rotatable()) {
            throw new Conflict(config.jwtKeyFile().isPresent()
                    ? "The signing key comes from SIGIL_JWT_KEY_FILE: rotate it by replacing the file and restarting."
                    : "HS256 signs with SIGIL_JWT_SECRET: rotate it by changing the secret and restarting.");
        }
        SigningKeyStore.Rotation rotation = store.rotate(config.jwtAlgorithm());
        keyRing.reload();
        audit.record(AuditType.KEY_ROTATED, actor, client,
                "kid " + rotation.kid() + ", retired " + String.join(" ", rotation.retired()));
        return rotation;
    }
}
