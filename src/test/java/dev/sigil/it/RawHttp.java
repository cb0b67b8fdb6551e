package dev.sigil.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not send or hide: the status line's reason phrase, a
 * false Content-Length, a raw path, a body that never arrives.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} as is and returns the answer. */
    public static String exchange(URI base, String request) {
        try (Socket socket = open(base)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Socket open(URI base) throws IOException {
        return new Socket(base.getHost(), base.getPort());
    }

    public static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * One response: the header block and a body of its Content-Length (or chunked, up to the last chunk). Unlike
     * {@link #readAll} it does not wait for the server to close the connection.
     */
    public static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(b);
        }
        String head = out.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(head);
        if (length.find()) {
            out.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (head.contains("transfer-encoding: chunked")) {
            while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The status line, e.g. {@code HTTP/1.1 429 Too Many Requests}. */
    public static String statusLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    /** The body after the header block. */
    public static String body(String response) {
        int start = response.indexOf("\r\n\r\n");
        return start < 0 ? "" : response.substring(start + 4);
    }

    public static String post(String path, String host, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
    }
}
