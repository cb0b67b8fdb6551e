package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;

/** The browser mode over plain HTTP, as a page of Sigil's own origin calls it (README, "Browser mode"). */
final class BrowserClient {

    static final String REFRESH = "__Host-sigil_refresh";
    static final String CSRF = "__Host-sigil_csrf";

    private final SigilServer server;

    BrowserClient(SigilServer server) {
        this.server = server;
    }

    /** What a browser holds after a login or refresh: the two cookies, and the access token in the page's memory. */
    record Held(String refreshCookie, String csrfToken, String accessToken) {
    }

    String origin() {
        return server.issuer();
    }

    Held login(String username) {
        Http.Reply reply = server.http().send(server.http().request("/api/browser/login").header("Origin", origin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Accounts.loginJson(username, Accounts.PASSWORD))));
        assertEquals(200, reply.status(), reply::toString);
        return held(reply);
    }

    /** A POST to /api/browser/{@code action} with the given Origin, refresh cookie and X-CSRF-Token (null: none). */
    Http.Reply post(String action, String origin, String refreshCookie, String csrfToken) {
        HttpRequest.Builder request = server.http().request("/api/browser/" + action)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (refreshCookie != null) {
            request.header("Cookie", REFRESH + "=" + refreshCookie);
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return server.http().send(request);
    }

    Http.Reply post(String action, Held held) {
        return post(action, origin(), held.refreshCookie(), held.csrfToken());
    }

    static Held held(Http.Reply reply) {
        return new Held(cookie(reply, REFRESH).orElseThrow(), reply.json().getString("csrf_token"),
                reply.json().getString("access_token"));
    }

    /** The whole Set-Cookie header that sets {@code name}. */
    static Optional<String> setCookie(Http.Reply reply, String name) {
        List<String> all = reply.response().headers().allValues("Set-Cookie");
        return all.stream().filter(value -> value.startsWith(name + "=")).findFirst();
    }

    static Optional<String> cookie(Http.Reply reply, String name) {
        return setCookie(reply, name).map(value -> value.substring(name.length() + 1, value.indexOf(';')));
    }
}
