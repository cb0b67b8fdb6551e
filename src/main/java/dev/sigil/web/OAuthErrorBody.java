package dev.sigil.web;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The error shape of the OAuth 2.0 endpoints: every error answered under {@code /oauth2/} is RFC 6749 §5.2 JSON,
 * {@code {"error","error_description"}} as {@code application/json}, rather than a problem document, because OAuth
 * clients read exactly that. The same outcome keeps its status, except {@code invalid_grant}: RFC 6749 §5.2 answers it
 * 400 (the first-party /api/auth/login answers 401, and 429 while locked). An error without an OAuth code is {@code
 * invalid_request} for a 4xx (an unknown path, a wrong method: the request is wrong), {@code temporarily_unavailable}
 * for a 503 and {@code server_error} for anything else (RFC 6749 §4.1.2.1 names both).
 */
final class OAuthErrorBody {

    private static final String PREFIX = "/oauth2/";

    private OAuthErrorBody() {
    }

    /** True for a request path under /oauth2/ (the path Sigil's error renderers know, or null). */
    static boolean appliesTo(String path) {
        return path != null && (path.startsWith(PREFIX) || path.equals("/oauth2"));
    }

    static int status(ProblemDetail problem) {
        return "invalid_grant".equals(problem.error()) ? 400 : problem.status();
    }

    static String error(ProblemDetail problem) {
        if (problem.error() != null) {
            return problem.error();
        }
        if (problem.status() < 500) {
            return "invalid_request";
        }
        return problem.status() == 503 ? "temporarily_unavailable" : "server_error";
    }

    static String toJson(ProblemDetail problem) {
        String description = problem.detail() != null ? problem.detail() : problem.title();
        return Json.createObjectBuilder()
                .add("error", error(problem))
                .add("error_description", description(description))
                .build().toString();
    }

    static Response.ResponseBuilder toResponse(ProblemDetail problem) {
        return Response.status(status(problem)).type(MediaType.APPLICATION_JSON_TYPE).entity(toJson(problem))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    /** RFC 6749 §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E; anything else becomes '?'. */
    static String description(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? (char) c : '?'));
        return out.toString();
    }
}
