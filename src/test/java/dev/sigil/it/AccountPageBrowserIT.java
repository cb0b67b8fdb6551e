package dev.sigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 14 item 5: the account page in headless Chromium against the real server, at http://localhost (a secure
 * context for Chromium, so the Secure __Host- cookies are kept over plain HTTP). A page of another site
 * (http://127.0.0.1:port, a JDK HttpServer) stands for the attacker. Every page state is written as a PNG under
 * target/browser-screenshots/. One browser for the class; each test its own user and a cookie jar emptied first.
 */
class AccountPageBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static SigilServer server;
    private static Accounts accounts;
    private static ChromeDriver chrome;
    private static HttpServer attacker;
    private static String accountPage;

    private String testName;

    @BeforeAll
    static void start() throws IOException {
        server = SigilServer.main();
        accounts = new Accounts(server);
        accountPage = server.base().resolve("/account/").toString();
        Files.createDirectories(SCREENSHOTS);
        attacker = crossSitePage(server.base().getPort());
        chrome = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    @BeforeEach
    void emptyCookieJar(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        // Not the account page: its refresh, still under way, would set the cookies again.
        chrome.get(server.base().resolve("/api/ping").toString());
        chrome.manage().deleteAllCookies();
    }

    @AfterEach
    void closeOtherTabs() {
        String first = chrome.getWindowHandles().iterator().next();
        for (String handle : new ArrayList<>(chrome.getWindowHandles())) {
            if (!handle.equals(first)) {
                chrome.switchTo().window(handle).close();
            }
        }
        chrome.switchTo().window(first);
    }

    @Test
    void aCrossSitePagesFormPostIsRefusedAndTheSessionLivesOn() {
        String user = accounts.createUser("page-csrf");
        signIn(user);
        String cookieBefore = refreshCookie().getValue();
        for (String action : List.of("logout", "logout-all", "refresh")) {
            chrome.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/?action=" + action);
            screenshot("cross-site-page-" + action);
            chrome.findElement(By.id("go")).click();
            await(() -> chrome.getPageSource().contains("csrf_refused"), "Sigil's 403 for the cross-site " + action);
            screenshot("cross-site-" + action + "-refused");
            assertTrue(chrome.getPageSource().contains("\"status\":403"), chrome.getPageSource());
        }
        chrome.get(accountPage);
        awaitState("signed-in");
        assertNotEquals(cookieBefore, refreshCookie().getValue(), "the page's own refresh rotated it");
        assertEquals(0, accounts.auditCount(user, "LOGOUT") + accounts.auditCount(user, "LOGOUT_ALL"), "nothing was ended");
        assertEquals(1, accounts.auditCount(user, "REFRESH"), "only the page's own reload refreshed");
        screenshot("still-signed-in");
    }

    @Test
    void theRefreshTokenIsNeverReadableByThePagesScript() {
        String user = accounts.createUser("page-httponly");
        signIn(user);
        Cookie refresh = refreshCookie();
        assertTrue(refresh.isHttpOnly() && refresh.isSecure(), refresh::toString);
        assertEquals("Strict", refresh.getSameSite());
        assertEquals("/", refresh.getPath());
        String visible = (String) chrome.executeScript("return document.cookie");
        assertFalse(visible.contains("__Host-sigil_refresh") || visible.contains(refresh.getValue()), visible);
        assertTrue(visible.startsWith("__Host-sigil_csrf="), "the CSRF token is the page's to read: " + visible);
        String html = (String) chrome.executeScript("return document.documentElement.outerHTML + JSON.stringify("
                + "Object.assign({}, localStorage, sessionStorage))");
        assertFalse(html.contains(refresh.getValue()), "not in the DOM, nor in web storage");
    }

    @Test
    void signInThenReloadStaysSignedIn() {
        String user = accounts.createUser("page-reload");
        chrome.get(accountPage);
        awaitState("signed-out");
        screenshot("sign-in-form");
        chrome.findElement(By.id("username")).sendKeys(user);
        chrome.findElement(By.id("password")).sendKeys("not the password");
        chrome.findElement(By.cssSelector("#signin-form button")).click();
        await(() -> chrome.findElement(By.id("error")).isDisplayed(), "the sign-in error");
        assertEquals("The username or the password is wrong.", chrome.findElement(By.id("error")).getText());
        assertEquals("error", chrome.switchTo().activeElement().getAttribute("id"), "focus moved to the error");
        screenshot("sign-in-error");

        signIn(user);
        assertEquals(user, chrome.findElement(By.id("who")).getText());
        assertEquals("sessions-title", chrome.switchTo().activeElement().getAttribute("id"));
        List<String> rows = sessionRows();
        assertEquals(1, rows.size(), rows::toString);
        assertTrue(rows.get(0).startsWith("Chrome on Linux\t127.0.0.1\t") && rows.get(0).contains("This browser"),
                rows::toString);
        screenshot("signed-in");

        chrome.navigate().refresh();
        awaitState("signed-in");
        assertEquals(user, chrome.findElement(By.id("who")).getText());
        assertEquals(1, sessionRows().size(), "the same session, not a new sign-in");
        screenshot("reloaded-still-signed-in");
    }

    @Test
    void twoTabsRefreshingAtOnceBothStaySignedIn() {
        String user = accounts.createUser("page-tabs");
        List<String> tabs = signInInTwoTabs(user);
        String before = refreshCookie().getValue();
        int refreshesBefore = accounts.auditCount(user, "REFRESH");

        // Both tabs reload at the same instant, until the two refreshes were seen in flight together: each request
        // left before either answer came back, so both carried the same cookie, the same parent.
        int races = 0;
        boolean overlapped = false;
        while (!overlapped && races < 3) {
            races++;
            long at = System.currentTimeMillis() + 1000;
            for (String tab : tabs) {
                chrome.switchTo().window(tab);
                chrome.executeScript(
                        "window.oldPage = true; setTimeout(() => location.reload(), arguments[0] - Date.now())", at);
            }
            List<double[]> flights = new ArrayList<>();
            for (String tab : tabs) {
                chrome.switchTo().window(tab);
                await(() -> Boolean.TRUE.equals(chrome.executeScript("return !window.oldPage"))
                        && "signed-in".equals(state()), "tab " + tab + " signed in after the reload");
                flights.add(refreshFlight());
                screenshot("tab-" + (tabs.indexOf(tab) + 1) + "-after-simultaneous-refresh");
            }
            overlapped = Math.max(flights.get(0)[0], flights.get(1)[0])
                    < Math.min(flights.get(0)[1], flights.get(1)[1]);
        }
        assertTrue(overlapped, "the two refreshes never overlapped in " + races + " tries");
        assertEquals(refreshesBefore + 2 * races, accounts.auditCount(user, "REFRESH"), "each tab refreshed each time");
        assertEquals(0, accounts.auditCount(user, "REFRESH_REUSE_DETECTED"), "nothing was revoked by the race");
        assertNotEquals(before, refreshCookie().getValue());
        for (String tab : tabs) {
            chrome.switchTo().window(tab).findElement(By.id("reload-sessions")).click();
            awaitStatus("Signed in. 1 session.");
        }
        // The cookie holds the live token: one more refresh (a reload) works.
        chrome.navigate().refresh();
        awaitState("signed-in");
    }

    @Test
    void signingOutInOneTabSignsTheOtherOutAtItsNextCall() {
        String user = accounts.createUser("page-signout");
        String first = signInInTwoTabs(user).get(0);

        chrome.findElement(By.id("signout")).click();
        awaitState("signed-out");
        assertEquals("You are signed out.", status());
        assertEquals(null, chrome.manage().getCookieNamed("__Host-sigil_refresh"), "the cookie is cleared");
        screenshot("tab-2-signed-out");

        chrome.switchTo().window(first);
        assertEquals("signed-in", state(), "nothing happens until the tab calls");
        chrome.findElement(By.id("reload-sessions")).click();
        awaitState("signed-out");
        assertEquals("You are signed out: this session was ended. Sign in again to continue.", status());
        assertEquals("username", chrome.switchTo().activeElement().getAttribute("id"));
        screenshot("tab-1-signed-out-at-next-call");
        assertEquals(1, accounts.auditCount(user, "LOGOUT"));
    }

    @Test
    void endAnotherSessionChangeThePasswordThenSignOutEverywhere() {
        String user = accounts.createUser("page-manage");
        accounts.login(user, Accounts.PASSWORD);
        accounts.login(user, Accounts.PASSWORD);
        signIn(user);
        assertEquals(3, sessionRows().size());
        chrome.findElements(By.cssSelector("#sessions tbody tr:not(.current) button")).get(0).click();
        awaitStatus("Signed in. 2 sessions.");
        screenshot("ended-another-session");

        chrome.findElement(By.id("current-password")).sendKeys("wrong current password");
        chrome.findElement(By.id("new-password")).sendKeys("a brand new long password");
        chrome.findElement(By.cssSelector("#password-form button")).click();
        await(() -> chrome.findElement(By.id("error")).isDisplayed(), "the wrong-password error");
        assertEquals("The current password is wrong.", chrome.findElement(By.id("error")).getText());
        assertEquals("signed-in", state(), "a wrong current password does not sign the page out");
        screenshot("password-change-refused");

        chrome.findElement(By.id("current-password")).sendKeys(Accounts.PASSWORD);
        chrome.findElement(By.id("new-password")).sendKeys("a brand new long password");
        chrome.findElement(By.cssSelector("#password-form button")).click();
        awaitStatus("Your password was changed. Your other sessions were signed out.");
        assertEquals(1, sessionRows().size());
        screenshot("password-changed");

        chrome.findElement(By.id("end-all")).click();
        awaitState("signed-out");
        assertEquals("You are signed out everywhere: every session has ended.", status());
        assertEquals(1, accounts.auditCount(user, "LOGOUT_ALL"));
        screenshot("signed-out-everywhere");
    }

    // --- the page, driven as a user would ---

    private void signIn(String user) {
        chrome.get(accountPage);
        awaitState("signed-out");
        chrome.findElement(By.id("username")).sendKeys(user);
        chrome.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
        chrome.findElement(By.cssSelector("#signin-form button")).click();
        awaitState("signed-in");
    }

    /** Signed in in one tab, then a second tab of the same page (which refreshes with the shared cookie); in it. */
    private List<String> signInInTwoTabs(String user) {
        signIn(user);
        String first = chrome.getWindowHandle();
        chrome.switchTo().newWindow(WindowType.WINDOW).get(accountPage);
        awaitState("signed-in");
        return List.of(first, chrome.getWindowHandle());
    }

    /** When this page's POST /api/browser/refresh left and when its answer began, in epoch milliseconds. */
    private static double[] refreshFlight() {
        @SuppressWarnings("unchecked")
        List<Number> times = (List<Number>) chrome.executeScript("const e = performance.getEntriesByType('resource')"
                + ".find(r => r.name.endsWith('/api/browser/refresh'));"
                + "return [performance.timeOrigin + e.startTime, performance.timeOrigin + e.responseStart]");
        return new double[] {times.get(0).doubleValue(), times.get(1).doubleValue()};
    }

    private Cookie refreshCookie() {
        Cookie cookie = chrome.manage().getCookieNamed("__Host-sigil_refresh");
        assertNotNull(cookie, "no refresh cookie in the browser");
        return cookie;
    }

    private List<String> sessionRows() {
        return chrome.findElements(By.cssSelector("#sessions tbody tr")).stream()
                .map(row -> String.join("\t", row.findElements(By.tagName("td")).stream()
                        .map(cell -> cell.getText()).toList()))
                .toList();
    }

    private static String state() {
        return (String) chrome.executeScript("return document.body.dataset.state");
    }

    private static String status() {
        return chrome.findElement(By.id("status")).getText();
    }

    private static void awaitState(String state) {
        await(() -> state.equals(state()), "the page in state " + state);
    }

    private static void awaitStatus(String text) {
        await(() -> text.equals(status()), "the status '" + text + "'");
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + WAIT.toSeconds() + " s for " + what + "; the page says: "
                        + chrome.findElement(By.tagName("body")).getText());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void screenshot(String state) {
        try {
            Path file = SCREENSHOTS.resolve(testName + "-" + state + ".png");
            Files.copy(chrome.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Another site's page (127.0.0.1 is not the site of localhost): a plain form that POSTs to Sigil's cookie
     * endpoint named by ?action=, as a cross-site request forgery would; it cannot set X-CSRF-Token.
     */
    private static HttpServer crossSitePage(int sigilPort) throws IOException {
        HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page.createContext("/", exchange -> {
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String action = query.replaceFirst("^action=", "").replaceAll("[^a-z-]", "");
            String html = "<!DOCTYPE html><html><head><title>Win a prize</title></head><body><h1>Another site</h1>"
                    + "<form method=\"post\" enctype=\"application/x-www-form-urlencoded\" action=\"http://localhost:"
                    + sigilPort + "/api/browser/" + action + "\"><input type=\"hidden\" name=\"x\" value=\"1\">"
                    + "<button id=\"go\" type=\"submit\">Claim (POST /api/browser/" + action + ")</button></form>"
                    + "</body></html>";
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        return page;
    }
}
