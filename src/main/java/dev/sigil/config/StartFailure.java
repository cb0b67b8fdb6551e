package dev.sigil.config;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * The one way a start fails: one {@code Sigil cannot start: …} line per problem, no stack trace. Under the README's
 * run and deploy commands (system property {@value #EXIT_PROPERTY}{@code =true}) the JVM then ends with status 1,
 * because Payara Micro would otherwise stay up with nothing deployed and answer every call with its HTML 404. On a
 * server the user manages, the application stays deployed but not ready: the problem is recorded in
 * {@link StartProblems}, the later start steps skip their work, {@code /health/ready} answers 503 naming every problem
 * and every request gets a 503 problem document, until the problem is fixed and Sigil is redeployed.
 */
public final class StartFailure {

    public static final String EXIT_PROPERTY = "sigil.exit-on-start-failure";
    static final int EXIT_STATUS = 1;

    private static final Logger LOG = Logger.getLogger(StartFailure.class.getName());

    private StartFailure() {
    }

    /** Logs and records the problems, then ends the JVM or, without {@value #EXIT_PROPERTY}, returns. Never throws. */
    public static void report(InvalidConfiguration problems) {
        report(problems.problems());
    }

    static void report(List<String> problems) {
        for (String problem : problems) {
            if (StartProblems.add(problem)) {
                LOG.severe("Sigil cannot start: " + problem);
            }
        }
        if (exitsOnFailure()) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.flush();
            }
            System.err.flush();
            // halt, not exit: Payara's shutdown hooks wait for the deployment this thread is running.
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    static boolean exitsOnFailure() {
        return Boolean.getBoolean(EXIT_PROPERTY);
    }
}
