package dev.sigil.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The one place that reads MicroProfile Config, and the one source of "now". */
@ApplicationScoped
public class SigilConfigProducer {

    @Produces
    @Singleton
    SigilConfig config() {
        Config config = ConfigProvider.getConfig();
        Function<String, Optional<String>> lookup = name -> config.getOptionalValue(name, String.class);
        try {
            return SigilConfig.from(lookup);
        } catch (InvalidConfiguration e) {
            StartFailure.report(e);
            // Not ready: a bean that cannot be built would fail the deployment, and nothing uses these values.
            return SigilConfig.withDefaultsForBadValues(lookup);
        }
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
