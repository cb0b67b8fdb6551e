package dev.sigil.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * JAX-RS owns the whole context root, so that an unknown path is a JSON 404 rather than the container's HTML page.
 * Resources and providers are discovered by scanning.
 */
@ApplicationPath("/")
public class RestApplication extends Application {

    /** Jersey would publish a WADL (naming its version) at /application.wadl and on every OPTIONS. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
