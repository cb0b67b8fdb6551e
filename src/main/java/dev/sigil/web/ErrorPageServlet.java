package dev.sigil.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Target of every {@code <error-page>} in web.xml: errors raised by the servlet container itself (outside JAX-RS)
 * are answered as problem+json too, never as the container's HTML page. Also answers the requests whose path
 * {@link InvalidPercentEscapes} found undecodable.
 */
@WebServlet(urlPatterns = {ErrorPageServlet.PATH, ErrorPageServlet.INVALID_PATH})
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/_sigil/error";
    static final String INVALID_PATH = "/_sigil/invalid-path";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (INVALID_PATH.equals(request.getServletPath())) {
            send(response, new ProblemDetail(400, "Bad Request",
                    "The request path is not valid: a '%' must be followed by two hexadecimal digits.",
                    "invalid_request", null));
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 404;
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = uri instanceof String s ? s : null;
        send(response, new ProblemDetail(status, title, null, status == 400 ? "invalid_request" : null, instance));
    }

    private static void send(HttpServletResponse response, ProblemDetail problem) throws IOException {
        boolean oauth = OAuthErrorBody.appliesTo(problem.instance());
        response.setStatus(oauth ? OAuthErrorBody.status(problem) : problem.status());
        response.setContentType(oauth ? "application/json" : ProblemDetail.MEDIA_TYPE);
        response.setHeader("Cache-Control", "no-store");
        String body = oauth ? OAuthErrorBody.toJson(problem) : problem.toJson();
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
