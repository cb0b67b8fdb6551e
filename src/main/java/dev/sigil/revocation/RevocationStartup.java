package dev.sigil.revocation;

import dev.sigil.config.StartProblems;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Loads the revocations whose tokens may still be live, so that a restart forgets none. */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class RevocationStartup {

    private static final Logger LOG = Logger.getLogger(RevocationStartup.class.getName());

    @Inject
    RevocationCatchUp catchUp;

    @PostConstruct
    void load() {
        if (StartProblems.any()) {
            return;
        }
        RevocationCatchUp.Result loaded = catchUp.everythingLive();
        LOG.info(() -> "Loaded " + loaded.read() + " revocations whose access tokens may still be live");
    }
}
