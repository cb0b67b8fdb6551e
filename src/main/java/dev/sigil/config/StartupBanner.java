package dev.sigil.config;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The last line of a start: {@code Sigil ready at http://127.0.0.1:8080 (issuer …, database …)}, logged once this
 * server's own {@code /health/ready} answers 200, so that the line never promises more than the probe does. A
 * generated admin password is logged right before it, where a new user looks. A start that failed on a server the user
 * manages ends instead with one {@code Sigil started NOT READY: …} line, once the application answers.
 */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());
    private static final long POLL_MILLIS = 200;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final int HTTP_OK = 200;
    private static final int HTTP_UNAVAILABLE = 503;

    @Inject
    SigilConfig config;

    @Resource
    ManagedScheduledExecutorService executor;

    private volatile String generatedPasswordLine;

    /** Called by the bootstrap admin on the first start; the line is logged once, with the banner. */
    public void generatedAdminPassword(String username, String password) {
        generatedPasswordLine = "Created the bootstrap admin '" + username + "' with the generated password: " + password
                + "  (shown only this once; change it with POST /api/auth/password)";
    }

    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        URI probe = URI.create(baseUrl() + "/health/ready");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        executor.schedule(() -> poll(client, probe, giveUp), POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll(HttpClient client, URI probe, Instant giveUp) {
        if (status(client, probe) == HTTP_OK) {
            String password = generatedPasswordLine;
            if (password != null) {
                LOG.warning(password);
                generatedPasswordLine = null;
            }
            LOG.info("Sigil ready at " + baseUrl() + " (issuer " + config.issuer() + ", database "
                    + config.databaseLabel() + ")");
        } else if (StartProblems.any() && status(client, URI.create(baseUrl() + "/api/ping")) == HTTP_UNAVAILABLE) {
            // The application answers, so the deployment is over and every start step has run.
            LOG.severe("Sigil started NOT READY (problems: " + StartProblems.all().size() + ", each logged above as"
                    + " \"Sigil cannot start\"): " + probe + " answers 503 with the list and every request answers 503;"
                    + " after the fix, redeploy or restart Sigil.");
        } else if (Instant.now().isAfter(giveUp)) {
            LOG.warning("Sigil is not ready after " + GIVE_UP_AFTER.toMinutes() + " minutes; see " + probe);
        } else {
            executor.schedule(() -> poll(client, probe, giveUp), POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The status code, or 0 while nothing answers. */
    private static int status(HttpClient client, URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String baseUrl() {
        String address = config.bindAddress();
        String host = switch (address) {
            case "0.0.0.0", "::", "[::]" -> "localhost";
            default -> address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        };
        return "http://" + host + ":" + config.port();
    }
}
