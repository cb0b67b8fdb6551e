package dev.sigil.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What stopped this deployment from starting, one line per problem, for {@code /health/ready} and the request gate.
 * Kept in a static field, that is once per class loader and so once per deployment (a redeploy starts empty), because
 * the first problems are found by {@link DatabaseCheck}, which EclipseLink runs outside CDI, and because the gate and
 * the health check must work even when the configuration bean could not be built.
 */
public final class StartProblems {

    private static final Set<String> PROBLEMS = new LinkedHashSet<>();

    private StartProblems() {
    }

    /** Records a problem; false when it was already recorded (each is logged once). */
    static synchronized boolean add(String problem) {
        return PROBLEMS.add(problem);
    }

    /** True once any start step failed: the steps after it skip their work and every request is refused. */
    public static synchronized boolean any() {
        return !PROBLEMS.isEmpty();
    }

    /** The problems in the order they were found. */
    public static synchronized List<String> all() {
        return List.copyOf(PROBLEMS);
    }

    /** For unit tests, which share one class loader. */
    static synchronized void clear() {
        PROBLEMS.clear();
    }
}
