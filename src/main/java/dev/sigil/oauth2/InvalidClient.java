package dev.sigil.oauth2;

import dev.sigil.web.SigilException;
import java.util.Map;

/**
 * 401 {@code invalid_client} (RFC 6749 §5.2): the client tried to authenticate (a client_secret, a client assertion,
 * an Authorization header), but every client of Sigil is public and no client credentials exist to check.
 */
public class InvalidClient extends SigilException {

    public InvalidClient() {
        super(401, "invalid_client", "Invalid client",
                "Client authentication is not supported: every client is public (token_endpoint_auth_method none).");
    }

    /** RFC 6749 §5.2: a 401 for invalid_client carries a challenge (Basic, the scheme RFC 6749 §2.3.1 names). */
    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", "Basic realm=\"sigil\"");
    }
}
