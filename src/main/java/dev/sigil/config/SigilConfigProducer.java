package dev.sigil.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The one place that reads MicroProfile Config, and the one source of "now". */
@ApplicationScoped
public class SigilConfigProducer {

    @Produces
    @Singleton
    SigilConfig config() {
        Config config = ConfigProvider.getConfig();
        try {
            return SigilConfig.from(name -> config.getOptionalValue(name, String.class));
        } catch (InvalidConfiguration e) {
            throw StartFailure.stop(e);
        }
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
