package dev.sigil.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Everything no other mapper claims. JSON runtimes wrap parse errors differently (Jersey in a ProcessingException,
 * RESTEasy in its own types), so the cause chain decides first; only what is left is a 500.
 */
@Provider
public class FallbackMapper implements ExceptionMapper<Throwable> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        SigilException cause = UnexpectedErrors.sigilCause(e);
        if (cause != null) {
            return ProblemDetail.responseFor(cause, RequestPaths.of(uri));
        }
        if (UnexpectedErrors.isMalformedJson(e)) {
            return ProblemDetail.responseFor(MalformedJsonMapper.malformed(), RequestPaths.of(uri));
        }
        return UnexpectedErrors.unavailableOrIncident(e, RequestPaths.of(uri));
    }
}
