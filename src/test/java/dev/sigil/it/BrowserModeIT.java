package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.it.BrowserClient.Held;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, SPEC §8 over plain HTTP: the refresh token only in the HttpOnly cookie, each way a request without the
 * CSRF proof can come in refused with 403 and nothing changed, the cookie rotated, the same successor for a parent
 * presented twice at once, logouts clearing the cookies; and the account page's headers.
 */
class BrowserModeIT {

    private static final Pattern MAX_AGE = Pattern.compile("; Max-Age=(\\d+);");
    private static final long FOURTEEN_DAYS = 14 * 24 * 3600;

    private static SigilServer server;
    private static Accounts accounts;
    private static BrowserClient browser;

    @BeforeAll
    static void server() {
        server = SigilServer.main();
        accounts = new Accounts(server);
        browser = new BrowserClient(server);
    }

    // --- the CSRF refusals first: each 403, and nothing spent, ended or recorded ---

    @ParameterizedTest
    @ValueSource(strings = {"refresh", "logout", "logout-all"})
    void cookieCallWithoutTheCsrfHeaderIsRefusedAndChangesNothing(String action) {
        String user = accounts.createUser("csrf-none");
        Held held = browser.login(user);
        assertRefused(browser.post(action, browser.origin(), held.refreshCookie(), null));
        assertRefused(browser.post(action, browser.origin(), held.refreshCookie(), ""));
        assertNothingChanged(user, held);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refresh", "logout", "logout-all"})
    void csrfTokenOfAnotherSessionIsRefusedAndChangesNothing(String action) {
        String user = accounts.createUser("csrf-wrong");
        Held held = browser.login(user);
        Held other = browser.login(user);
        assertRefused(browser.post(action, browser.origin(), held.refreshCookie(), other.csrfToken()));
        assertRefused(browser.post(action, browser.origin(), held.refreshCookie(), held.refreshCookie()));
        assertNothingChanged(user, held);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refresh", "logout", "logout-all"})
    void foreignMissingOrNullOriginIsRefusedAndChangesNothing(String action) {
        String user = accounts.createUser("csrf-origin");
        Held held = browser.login(user);
        String sameHostOtherPort = "http://localhost:" + (server.base().getPort() + 1);
        for (String origin : new String[] {"http://127.0.0.1:" + server.base().getPort(), sameHostOtherPort,
                "null", server.issuer() + "/", "https://localhost:" + server.base().getPort()}) {
            assertRefused(browser.post(action, origin, held.refreshCookie(), held.csrfToken()));
        }
        assertRefused(browser.post(action, null, held.refreshCookie(), held.csrfToken()));
        assertNothingChanged(user, held);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "text/plain;charset=UTF-8"})
    void formContentTypesAreRefusedEvenWithTheRightProof(String type) {
        String user = accounts.createUser("csrf-form");
        Held held = browser.login(user);
        for (String action : List.of("refresh", "logout", "logout-all")) {
            assertRefused(server.http().send(server.http().request("/api/browser/" + action)
                    .header("Origin", browser.origin()).header("Cookie", BrowserClient.REFRESH + "=" + held.refreshCookie())
                    .header("X-CSRF-Token", held.csrfToken()).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("refresh_token=" + held.refreshCookie()))));
        }
        // A cross-site login form (login CSRF: the victim signed into the attacker's account) is refused too.
        assertRefused(server.http().send(server.http().request("/api/browser/login").header("Origin", browser.origin())
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + user + "&password=" + Accounts.PASSWORD.replace(' ', '+')))));
        assertNothingChanged(user, held);
    }

    @Test
    void loginFromAForeignOriginIsRefused() {
        String user = accounts.createUser("csrf-login");
        Http.Reply reply = server.http().send(server.http().request("/api/browser/login")
                .header("Origin", "http://127.0.0.1:" + server.base().getPort())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Accounts.loginJson(user, Accounts.PASSWORD))));
        assertRefused(reply);
        assertTrue(reply.response().headers().allValues("Set-Cookie").isEmpty(), reply::toString);
        assertEquals(0, accounts.auditCount(user, "LOGIN_SUCCESS"), "no session was opened");
    }

    // --- failures of SPEC §4 ---

    @Test
    void refreshWithoutACookieOrWithAnUnknownOneIsInvalidGrantAndClearsTheCookies() {
        String user = accounts.createUser("no-cookie");
        Held held = browser.login(user);
        for (String cookie : new String[] {null, "not-a-token", "x".repeat(5000)}) {
            Http.Reply reply = browser.post("refresh", browser.origin(), cookie, held.csrfToken());
            assertEquals(401, reply.status(), reply::toString);
            assertEquals("invalid_grant", reply.json().getString("error"));
            assertCleared(reply);
        }
    }

    @Test
    void wrongPasswordIsTheSameInvalidGrantAndSetsNoCookie() {
        String user = accounts.createUser("browser-wrong");
        Http.Reply reply = server.http().send(server.http().request("/api/browser/login").header("Origin", browser.origin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Accounts.loginJson(user, "not the password at all"))));
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("invalid_grant", reply.json().getString("error"));
        assertTrue(BrowserClient.cookie(reply, BrowserClient.REFRESH).orElseThrow().isEmpty(), reply::toString);
    }

    @Test
    void malformedLoginBodyIsInvalidRequest() {
        Http.Reply reply = server.http().send(server.http().request("/api/browser/login").header("Origin", browser.origin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":1}")));
        assertEquals(400, reply.status(), reply::toString);
    }

    // --- what works ---

    @Test
    void loginSetsTheRefreshTokenAsAHostOnlyHttpOnlyStrictCookieAndNeverInTheBody() {
        String user = accounts.createUser("cookie-attrs");
        Http.Reply reply = server.http().send(server.http().request("/api/browser/login").header("Origin", browser.origin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Accounts.loginJson(user, Accounts.PASSWORD))));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        assertEquals(List.of("access_token", "token_type", "expires_in", "csrf_token"),
                List.copyOf(reply.json().keySet()));
        assertEquals("Bearer", reply.json().getString("token_type"));
        assertEquals(300, reply.json().getInt("expires_in"));

        String refresh = BrowserClient.setCookie(reply, BrowserClient.REFRESH).orElseThrow();
        assertTrue(refresh.matches("__Host-sigil_refresh=[A-Za-z0-9_-]{43}; Max-Age=\\d+; Path=/; Secure;"
                + " SameSite=Strict; HttpOnly"), refresh);
        assertFalse(refresh.contains("Domain"), refresh);
        assertMaxAgeIsTheSessionsIdleLimit(refresh);
        String csrf = BrowserClient.setCookie(reply, BrowserClient.CSRF).orElseThrow();
        assertEquals("__Host-sigil_csrf=" + reply.json().getString("csrf_token") + "; Max-Age=" + maxAge(refresh)
                + "; Path=/; Secure; SameSite=Strict", csrf, "readable by the page (no HttpOnly), as long-lived");
        assertFalse(reply.body().contains(BrowserClient.cookie(reply, BrowserClient.REFRESH).orElseThrow()));

        Http.Reply me = server.http().get("/api/me", reply.json().getString("access_token"));
        assertEquals(200, me.status(), me::toString);
        assertEquals(user, me.json().getString("username"));
    }

    @Test
    void refreshRotatesTheCookieAndKeepsTheSessionsCsrfToken() {
        String user = accounts.createUser("rotate");
        Held first = browser.login(user);
        Http.Reply reply = browser.post("refresh", first);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control").orElse(""));
        Held second = BrowserClient.held(reply);
        assertNotEquals(first.refreshCookie(), second.refreshCookie());
        assertEquals(first.csrfToken(), second.csrfToken(), "one CSRF token per session, whichever tab rotated");
        assertMaxAgeIsTheSessionsIdleLimit(BrowserClient.setCookie(reply, BrowserClient.REFRESH).orElseThrow());
        assertEquals(200, server.http().get("/api/me", second.accessToken()).status());
        Http.Reply third = browser.post("refresh", second);
        assertEquals(200, third.status(), third::toString);
        // The cookie's token is the JSON API's refresh token: the same rotation, the same reuse detection.
        Http.Reply reused = browser.post("refresh", first);
        assertEquals(401, reused.status(), reused::toString);
        assertEquals(1, accounts.auditCount(user, "REFRESH_REUSE_DETECTED"));
    }

    @Test
    void twoTabsPresentingTheSameCookieAtOnceGetTheSameSuccessorAndStaySignedIn() throws Exception {
        String user = accounts.createUser("tabs");
        Held held = browser.login(user);
        List<Http.Reply> replies = Burst.of(4, n -> browser.post("refresh", held));
        for (Http.Reply reply : replies) {
            assertEquals(200, reply.status(), reply::toString);
        }
        String successor = BrowserClient.cookie(replies.get(0), BrowserClient.REFRESH).orElseThrow();
        for (Http.Reply reply : replies) {
            assertEquals(successor, BrowserClient.cookie(reply, BrowserClient.REFRESH).orElseThrow(),
                    "whichever answer the browser stores last, the cookie holds the live token");
            assertEquals(200, server.http().get("/api/me", reply.json().getString("access_token")).status());
        }
        Http.Reply next = browser.post("refresh", browser.origin(), successor, held.csrfToken());
        assertEquals(200, next.status(), next::toString);
        assertEquals(0, accounts.auditCount(user, "REFRESH_REUSE_DETECTED"), "nothing was revoked by the race");
    }

    @Test
    void logoutEndsTheSessionAndClearsBothCookies() {
        String user = accounts.createUser("logout");
        Held held = browser.login(user);
        Held otherTab = browser.login(user);
        Http.Reply reply = browser.post("logout", held);
        assertEquals(204, reply.status(), reply::toString);
        assertCleared(reply);
        assertEquals(401, server.http().get("/api/me", held.accessToken()).status(), "the access token at once");
        Http.Reply refresh = browser.post("refresh", held);
        assertEquals(401, refresh.status(), refresh::toString);
        assertCleared(refresh);
        assertEquals(200, browser.post("refresh", otherTab).status(), "another session lives on");
        // Again, or with no cookie left: nothing to end, the cookies cleared all the same.
        assertEquals(204, browser.post("logout", held).status());
        Http.Reply none = browser.post("logout", browser.origin(), null, held.csrfToken());
        assertEquals(204, none.status(), none::toString);
        assertCleared(none);
    }

    @Test
    void logoutAllEndsEverySessionOfTheUserAndClearsTheCookies() {
        String user = accounts.createUser("logout-all");
        Held held = browser.login(user);
        Held other = browser.login(user);
        String apiAccess = accounts.login(user, Accounts.PASSWORD).getString("access_token");
        Http.Reply reply = browser.post("logout-all", held);
        assertEquals(204, reply.status(), reply::toString);
        assertCleared(reply);
        assertEquals(401, browser.post("refresh", other).status());
        assertEquals(401, server.http().get("/api/me", apiAccess).status());
        assertEquals(401, server.http().get("/api/me", other.accessToken()).status());
        Http.Reply again = browser.post("logout-all", held);
        assertEquals(401, again.status(), "an ended session's cookie ends nothing: " + again);
        assertCleared(again);
    }

    @Test
    void accountPageIsServedUnderAStrictContentSecurityPolicy() {
        Http.Reply page = server.http().get("/account/");
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        String policy = page.header("Content-Security-Policy").orElse("");
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                "form-action 'self'", "base-uri 'none'")) {
            assertTrue(policy.contains(directive), policy);
        }
        assertFalse(policy.contains("unsafe"), policy);
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", page.header("X-Frame-Options").orElse(""));
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE).matcher(page.body()).find(),
                "no inline script");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body()).find(), "no third-party asset");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(page.body()).find(), "no inline event handler");
        Http.Reply script = server.http().get("/account/account.js");
        assertEquals(200, script.status(), script::toString);
        assertTrue(script.contentType().startsWith("text/javascript"), script.contentType());
        assertEquals(policy, script.header("Content-Security-Policy").orElse(""));
        assertEquals(302, server.http().get("/account").status());
        Http.Reply missing = server.http().get("/account/index.html");
        assertEquals(404, missing.status(), missing::toString);
        assertTrue(missing.contentType().startsWith("application/problem+json"), missing::toString);
    }

    private static void assertRefused(Http.Reply reply) {
        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals("csrf_refused", reply.json().getString("error"), reply::toString);
        assertTrue(BrowserClient.setCookie(reply, BrowserClient.REFRESH).isEmpty(), "no cookie touched: " + reply);
    }

    /** The session is unchanged: no refresh or logout was recorded, and its first cookie still rotates. */
    private static void assertNothingChanged(String user, Held held) {
        assertEquals(0, accounts.auditCount(user, "REFRESH"), "nothing was spent");
        assertEquals(0, accounts.auditCount(user, "LOGOUT") + accounts.auditCount(user, "LOGOUT_ALL"), "nothing was ended");
        assertEquals(200, server.http().get("/api/me", held.accessToken()).status());
        Http.Reply refresh = browser.post("refresh", held);
        assertEquals(200, refresh.status(), refresh::toString);
    }

    private static void assertCleared(Http.Reply reply) {
        assertEquals("__Host-sigil_refresh=; Max-Age=0; Path=/; Secure; SameSite=Strict; HttpOnly",
                BrowserClient.setCookie(reply, BrowserClient.REFRESH).orElse("(none)"), reply::toString);
        assertEquals("__Host-sigil_csrf=; Max-Age=0; Path=/; Secure; SameSite=Strict",
                BrowserClient.setCookie(reply, BrowserClient.CSRF).orElse("(none)"), reply::toString);
    }

    private static void assertMaxAgeIsTheSessionsIdleLimit(String setCookie) {
        long maxAge = maxAge(setCookie);
        // SIGIL_REFRESH_TOKEN_TTL P14D, below the absolute P30D: the cookie lives as long as its token.
        assertTrue(maxAge > FOURTEEN_DAYS - 60 && maxAge <= FOURTEEN_DAYS, setCookie);
    }

    private static long maxAge(String setCookie) {
        Matcher matcher = MAX_AGE.matcher(setCookie);
        assertTrue(matcher.find(), setCookie);
        return Long.parseLong(matcher.group(1));
    }
}
