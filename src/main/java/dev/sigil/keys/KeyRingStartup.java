package dev.sigil.keys;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Loads (or generates) the signing keys at start, so that no request pays for it and a bad key file stops the start. */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class KeyRingStartup {

    @Inject
    KeyRing keyRing;

    @PostConstruct
    void load() {
        keyRing.reload();
    }
}
