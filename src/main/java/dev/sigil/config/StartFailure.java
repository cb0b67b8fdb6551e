package dev.sigil.config;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * The one way a start fails: one {@code Sigil cannot start: …} line per problem, no stack trace. Under the README's
 * run and deploy commands (system property {@value #EXIT_PROPERTY}{@code =true}) the JVM then ends with status 1,
 * because Payara Micro would otherwise stay up with nothing deployed and answer every call with its HTML 404. On a
 * server the user manages, the deployment fails instead and the server's own tools show it.
 */
public final class StartFailure {

    public static final String EXIT_PROPERTY = "sigil.exit-on-start-failure";
    static final int EXIT_STATUS = 1;

    private static final Logger LOG = Logger.getLogger(StartFailure.class.getName());

    private StartFailure() {
    }

    /** Logs the problems, then ends the JVM or, without {@value #EXIT_PROPERTY}, returns the exception to throw. */
    public static RuntimeException stop(InvalidConfiguration problems) {
        report(problems.problems());
        return problems;
    }

    static void report(List<String> problems) {
        problems.forEach(problem -> LOG.severe("Sigil cannot start: " + problem));
        if (Boolean.getBoolean(EXIT_PROPERTY)) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.flush();
            }
            System.err.flush();
            // halt, not exit: Payara's shutdown hooks wait for the deployment this thread is running.
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
