package dev.sigil.keys;

import dev.sigil.config.InvalidConfiguration;
import dev.sigil.config.SigilConfig;
import dev.sigil.config.StartFailure;
import dev.sigil.config.StartProblems;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads (or generates) the signing keys at start, so that no request pays for it and a bad key file stops the start.
 * Generated keys are then re-read every few seconds, off the request path, so that a rotation made on another node
 * sharing the database reaches this one.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class KeyRingStartup {

    private static final Logger LOG = Logger.getLogger(KeyRingStartup.class.getName());
    private static final long RELOAD_EVERY_MILLIS = 10_000;

    @Inject
    KeyRing keyRing;

    @Inject
    SigilConfig config;

    @Resource
    TimerService timers;

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
        if (keyRing.rotatable()) {
            timers.createIntervalTimer(RELOAD_EVERY_MILLIS, RELOAD_EVERY_MILLIS, new TimerConfig("sigil-keys", false));
        }
    }

    @Timeout
    void reload() {
        try {
            keyRing.reload();
        } catch (RuntimeException e) {
            // Keep the keys in memory; the next run tries again.
            LOG.log(Level.WARNING, "Could not re-read the signing keys; keeping the current ones", e);
        }
    }
}
