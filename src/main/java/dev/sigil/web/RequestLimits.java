package dev.sigil.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Caps request bodies at 64 KiB: a declared Content-Length over the cap is refused before anything is read,
 * and a chunked body is cut off as soon as it passes the cap.
 */
@Provider
@PreMatching
@Priority(100)
public class RequestLimits implements ContainerRequestFilter {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    @Override
    public void filter(ContainerRequestContext request) {
        if (declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)) > MAX_BODY_BYTES) {
            throw new PayloadTooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new CappedInputStream(request.getEntityStream(), MAX_BODY_BYTES));
        }
    }

    /** Read here rather than by {@code getLength()}, which fails with a 500 on a value beyond an int. */
    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        String digits = header.strip();
        if (!DIGITS.matcher(digits).matches()) {
            throw new InvalidRequest("The Content-Length header must be a number of bytes.");
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    static final class CappedInputStream extends FilterInputStream {
        private long remaining;

        CappedInputStream(InputStream in, long cap) {
            super(in);
            this.remaining = cap;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw rethrown(e);
            }
            if (b >= 0) {
                consumed(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw rethrown(e);
            }
            if (n > 0) {
                consumed(n);
            }
            return n;
        }

        /**
         * A body that stops arriving fails the read after the transport's read timeout (preboot.asadmin): that is a
         * 408 for the client, not a 500 with a stack trace in the log per stalled socket. Other errors stay as they are.
         */
        private static IOException rethrown(IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                    throw new RequestTimeout();
                }
            }
            return e;
        }

        private void consumed(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw new PayloadTooLarge();
            }
        }
    }
}
