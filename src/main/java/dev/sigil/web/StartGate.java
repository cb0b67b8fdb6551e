package dev.sigil.web;

import dev.sigil.config.StartProblems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses every request with a 503 problem document while the start has failed ({@link StartProblems}): on a server
 * the user manages, Sigil then stays deployed but serves nothing, rather than acting on a configuration or a
 * database it could not check. Before every other filter, and without injecting anything that could fail to build.
 */
@Provider
@PreMatching
@Priority(10)
public class StartGate implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (StartProblems.any()) {
            throw new NotStarted();
        }
    }
}
