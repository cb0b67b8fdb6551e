package dev.sigil.consumer;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A service of your own that trusts Sigil's access tokens through the server's MicroProfile JWT (here Payara's):
 * no Sigil code, no library, no database. The token's {@code groups} become the caller's roles. Payara looks for
 * {@code @LoginConfig} on CDI beans only, hence {@code @ApplicationScoped}.
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
public class ConsumerApplication extends Application {
}
