package dev.sigil.health;

import dev.sigil.config.StartProblems;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Down, naming every problem, when the start failed on a server the user manages (the run and deploy commands end the
 * process instead). The texts are those of the {@code Sigil cannot start} log lines: env var names and causes, never a
 * secret or a stack trace.
 */
@Readiness
@ApplicationScoped
public class StartReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        List<String> problems = StartProblems.all();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("start").status(problems.isEmpty());
        for (int i = 0; i < problems.size(); i++) {
            response.withData("problem" + (i + 1), problems.get(i));
        }
        if (!problems.isEmpty()) {
            response.withData("remedy", "fix the problems, then redeploy or restart Sigil");
        }
        return response.build();
    }
}
