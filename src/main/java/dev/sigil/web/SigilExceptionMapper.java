package dev.sigil.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class SigilExceptionMapper implements ExceptionMapper<SigilException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(SigilException e) {
        return ProblemDetail.responseFor(e, RequestPaths.of(uri));
    }
}
