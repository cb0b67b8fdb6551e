package dev.sigil.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Teaches Grizzly (Payara's HTTP layer) the reason phrase of 429. Its status table stops at 417 and names any other
 * code "CUSTOM", and Servlet 6 removed {@code setStatus(int, String)}, so no application API can set the phrase:
 * without this, a lockout answers {@code HTTP/1.1 429 CUSTOM}. On any other container this does nothing.
 */
@WebListener
public class TooManyRequestsPhrase implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(TooManyRequestsPhrase.class.getName());
    private static final String GRIZZLY_STATUS = "org.glassfish.grizzly.http.util.HttpStatus";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            Class<?> status = Class.forName(GRIZZLY_STATUS, true, event.getServletContext().getClass().getClassLoader());
            Object known = status.getMethod("getHttpStatus", int.class).invoke(null, 429);
            if ("CUSTOM".equals(status.getMethod("getReasonPhrase").invoke(known))) {
                Method register = status.getDeclaredMethod("register", int.class, String.class);
                register.setAccessible(true);
                register.invoke(null, 429, "Too Many Requests");
            }
        } catch (ClassNotFoundException notGrizzly) {
            LOG.fine("Not on Grizzly; the container's own reason phrase for 429 stays.");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not set the reason phrase of 429; responses say CUSTOM", e);
        }
    }
}
