package dev.sigil.consumer;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page of web.xml. Payara's MP-JWT refuses a bad token in the servlet container, before JAX-RS, and an
 * error status without a body (JAX-RS's 401/403 too) goes to the container's error page: without one of its own,
 * Payara Micro 6 answers each of them with an empty 404.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 404;
        response.setStatus(status);
        if (status == 401) {
            // RFC 6750 §3
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":" + status + "}");
    }
}
