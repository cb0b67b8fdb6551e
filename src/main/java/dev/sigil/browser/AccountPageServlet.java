package dev.sigil.browser;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The account page at /account/ (SPEC §8): three fixed files from WEB-INF/account (never served as they are, so every
 * answer carries these headers), under a Content-Security-Policy that allows only this origin's script, style and
 * fetches, no inline script, no frame around the page ({@code frame-ancestors 'none'}), no form posted elsewhere.
 * A servlet rather than a resource: "/account/*" is a longer match than the "/*" of JAX-RS.
 */
@WebServlet("/account/*")
public class AccountPageServlet extends HttpServlet {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Map<String, String> FILES = Map.of(
            "/", "text/html; charset=UTF-8",
            "/account.js", "text/javascript; charset=UTF-8",
            "/account.css", "text/css; charset=UTF-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String file = request.getPathInfo();
        if (file == null) {
            response.sendRedirect(request.getContextPath() + "/account/");
            return;
        }
        String type = FILES.get(file);
        if (type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(type);
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = getServletContext().getResourceAsStream(
                "/WEB-INF/account" + (file.equals("/") ? "/index.html" : file))) {
            in.transferTo(response.getOutputStream());
        }
    }
}
