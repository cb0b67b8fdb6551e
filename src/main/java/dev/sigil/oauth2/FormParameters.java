package dev.sigil.oauth2;

import dev.sigil.web.InvalidRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an OAuth 2.0 request body (RFC 6749 §3.2, Appendix B): {@code application/x-www-form-urlencoded},
 * UTF-8. Refuses with {@code invalid_request}: another content type, a broken %-escape, and a parameter that occurs
 * more than once (§3.1: "Request and response parameters MUST NOT be included more than once"). A parameter sent
 * without a value counts as omitted (§3.1); parameters the endpoint does not know are ignored (§3.2: "MUST ignore
 * unrecognized request parameters").
 */
public final class FormParameters {

    static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = values;
    }

    public static FormParameters parse(String contentType, String body) {
        if (!isForm(contentType)) {
            throw new InvalidRequest("The request body must be " + MEDIA_TYPE + " (RFC 6749 Appendix B).");
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : (body == null ? "" : body).split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw new InvalidRequest("The parameter '" + printable(name)
                        + "' occurs more than once (RFC 6749 section 3.1).");
            }
        }
        return new FormParameters(values);
    }

    /** The value, if the parameter was sent with one. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
    }

    /** The value; {@code invalid_request} naming the parameter when it is missing or empty. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new InvalidRequest("The parameter '" + name + "' is required."));
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
            throw new InvalidRequest("The request body is not valid " + MEDIA_TYPE + ": a '%' must be followed by two"
                    + " hexadecimal digits.");
        }
    }

    /** A parameter name as it may be shown in an error: printable ASCII, at most 64 characters. */
    private static String printable(String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return shown.replaceAll("[^\\x20-\\x7E]|['\"\\\\]", "?");
    }
}
