package dev.sigil.web;

import jakarta.ws.rs.core.UriInfo;

final class RequestPaths {

    private RequestPaths() {
    }

    /** The request path for a problem's {@code instance}, or null when it is not known. */
    static String of(UriInfo uri) {
        try {
            if (uri == null) {
                return null;
            }
            // Jersey answers "api/me", RESTEasy "/api/me".
            String path = uri.getPath(false);
            return path.startsWith("/") ? path : "/" + path;
        } catch (RuntimeException outsideOfRequest) {
            return null;
        }
    }
}
