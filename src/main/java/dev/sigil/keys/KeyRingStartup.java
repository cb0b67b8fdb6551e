package dev.sigil.keys;

import dev.sigil.config.InvalidConfiguration;
import dev.sigil.config.SigilConfig;
import dev.sigil.config.StartFailure;
import dev.sigil.config.StartProblems;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Loads (or generates) the signing keys at start, so that no request pays for it and a bad key file stops the start.
 * A rotation made on another node sharing the database reaches this one through the change listener
 * ({@code dev.sigil.cluster}).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class KeyRingStartup {

    private static final Logger LOG = Logger.getLogger(KeyRingStartup.class.getName());

    @Inject
    KeyRing keyRing;

    @Inject
    SigilConfig config;

    @PostConstruct
    void load() {
        if (StartProblems.any()) {
            return;
        }
        try {
            keyRing.reload();
        } catch (InvalidConfiguration e) {
            StartFailure.report(e);
            return;
        }
        if (keyRing.rotatable() && !config.embeddedDatabase() && config.keyEncryptionSecret().isEmpty()) {
            // Issue 9 #9: with a shared database, a backup alone is enough to mint admin tokens.
            LOG.warning("Generated private signing keys are stored UNENCRYPTED in " + config.databaseLabel()
                    + ": anyone with a copy of the database can sign tokens. Set SIGIL_KEY_ENCRYPTION_SECRET (at least"
                    + " 32 bytes, e.g. openssl rand -base64 48), restart, and rotate the key once.");
        }
    }
}
