package dev.sigil.web;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A transaction that failed to commit. Needed because Jersey ships its own mapper for this type, which rethrows,
 * so that {@link FallbackMapper} would never see it and the container would answer instead.
 */
@Provider
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(TransactionalException e) {
        SigilException cause = UnexpectedErrors.sigilCause(e);
        if (cause != null) {
            return ProblemDetail.responseFor(cause, RequestPaths.of(uri));
        }
        return UnexpectedErrors.unavailableOrIncident(e, RequestPaths.of(uri));
    }
}
