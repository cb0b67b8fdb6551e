package dev.sigil.oauth2;

import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidRequest;
import java.util.List;
import java.util.Optional;

/**
 * The client of an OAuth 2.0 request. Every client is public (RFC 6749 §2.1): one that tries to authenticate gets
 * {@code invalid_client}; one that names itself with {@code client_id} is recorded on the session it starts.
 */
final class PublicClient {

    /** The session column's size; RFC 6749 sets no limit. */
    static final int MAX_CLIENT_ID_LENGTH = 255;

    /** Parameters by which a client authenticates (RFC 6749 §2.3.1, RFC 7523 §2.2). */
    private static final List<String> CREDENTIALS = List.of("client_secret", "client_assertion",
            "client_assertion_type");

    private PublicClient() {
    }

    /**
     * The caller, naming its client_id if it sent one. {@link InvalidClient} when it tries to authenticate: a
     * credential parameter, or any Authorization header (RFC 6749 §2.3.1 HTTP Basic or another scheme).
     */
    static ClientInfo of(FormParameters form, String authorization, ClientInfo caller) {
        if ((authorization != null && !authorization.isBlank()) || CREDENTIALS.stream().anyMatch(name -> form.optional(name).isPresent())) {
            throw new InvalidClient();
        }
        return caller.withClientId(clientId(form).orElse(null));
    }

    /** RFC 6749 Appendix A.1: {@code client-id = *VSCHAR}, VSCHAR = %x20-7E; here 1 to 255 of them. */
    static Optional<String> clientId(FormParameters form) {
        Optional<String> id = form.optional("client_id");
        if (id.isPresent() && (id.get().length() > MAX_CLIENT_ID_LENGTH
                || !id.get().chars().allMatch(c -> c >= 0x20 && c <= 0x7E))) {
            throw new InvalidRequest("The client_id must be 1 to " + MAX_CLIENT_ID_LENGTH
                    + " printable ASCII characters (RFC 6749 Appendix A.1).");
        }
        return id;
    }
}
