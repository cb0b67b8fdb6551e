package dev.sigil.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps the status the JAX-RS runtime chose (404, 405, 406, 415, a 400 from a bad parameter) and replaces
 * its body, which would otherwise be the container's HTML error page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        SigilException cause = UnexpectedErrors.sigilCause(e);
        if (cause != null) {
            return ProblemDetail.responseFor(cause, RequestPaths.of(uri));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return UnexpectedErrors.incident(e, RequestPaths.of(uri));
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String error = status == 400 || status == 413 || status == 415 ? "invalid_request" : null;
        Response.ResponseBuilder response = new ProblemDetail(status, title, detail(status), error, RequestPaths.of(uri))
                .toResponse();
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "There is no resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource can only answer application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request body must be application/json.";
            default -> null;
        };
    }
}
