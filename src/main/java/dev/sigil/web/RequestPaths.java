package dev.sigil.web;

import jakarta.ws.rs.core.UriInfo;

final class RequestPaths {

    private RequestPaths() {
    }

    /** The request path for a problem's {@code instance}, or null when it is not known. */
    static String of(UriInfo uri) {
        try {
            return uri == null ? null : "/" + uri.getPath(false);
        } catch (RuntimeException outsideOfRequest) {
            return null;
        }
    }
}
