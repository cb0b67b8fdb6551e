package dev.sigil.web;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document. The RFC 6749/6750 code rides along as the {@code error} extension
 * member, so that clients that only read {@code {"error":"invalid_grant"}} work too. Under /oauth2/ the same outcome
 * is rendered as the RFC 6749 error body instead ({@link #toResponse()}).
 */
public record ProblemDetail(int status, String title, String detail, String error, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static ProblemDetail of(SigilException e, String instance) {
        return new ProblemDetail(e.status(), e.title(), e.detail(), e.error().orElse(null), instance);
    }

    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (instance != null) {
            json.add("instance", instance);
        }
        if (error != null) {
            json.add("error", error);
        }
        return json.build().toString();
    }

    /** The response: a problem document, or under /oauth2/ the RFC 6749 error body ({@link OAuthErrorBody}). */
    public Response.ResponseBuilder toResponse() {
        if (OAuthErrorBody.appliesTo(instance)) {
            return OAuthErrorBody.toResponse(this);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).header("Cache-Control", "no-store");
    }

    public static Response responseFor(SigilException e, String instance) {
        Response.ResponseBuilder response = of(e, instance).toResponse();
        e.headers().forEach(response::header);
        return response.build();
    }
}
