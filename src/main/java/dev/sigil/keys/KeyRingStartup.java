package dev.sigil.keys;

import dev.sigil.config.InvalidConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Loads (or generates) the signing keys at start, so that no request pays for it and a bad key file stops the start. */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class KeyRingStartup {

    @Inject
    KeyRing keyRing;

    private static final Logger LOG = Logger.getLogger(KeyRingStartup.class.getName());

    @PostConstruct
    void load() {
        try {
            keyRing.reload();
        } catch (InvalidConfiguration e) {
            LOG.severe("Sigil cannot start: " + e.getMessage());
            throw e;
        }
    }
}
