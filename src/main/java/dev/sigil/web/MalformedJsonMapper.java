package dev.sigil.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or not JSON of the expected shape: 400 {@code invalid_request}. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonbException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(JsonbException e) {
        SigilException cause = UnexpectedErrors.sigilCause(e);
        return ProblemDetail.responseFor(cause != null ? cause : malformed(), RequestPaths.of(uri));
    }

    static InvalidRequest malformed() {
        return new InvalidRequest("The request body is not valid JSON of the expected shape.");
    }
}
