package dev.sigil.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrowserCookiesTest {

    @Test
    void refreshCookieIsHostOnlySecureStrictAndOutOfTheScriptsReach() {
        assertEquals("__Host-sigil_refresh=abc; Max-Age=1209600; Path=/; Secure; SameSite=Strict; HttpOnly",
                BrowserCookies.refresh("abc", 1209600));
    }

    @Test
    void csrfCookieIsReadableByThePage() {
        assertEquals("__Host-sigil_csrf=xyz; Max-Age=60; Path=/; Secure; SameSite=Strict",
                BrowserCookies.csrf("xyz", 60));
    }

    @Test
    void aSessionAtItsEndGivesACookieThatExpiresAtOnce() {
        assertEquals("__Host-sigil_csrf=xyz; Max-Age=0; Path=/; Secure; SameSite=Strict", BrowserCookies.csrf("xyz", -5));
        assertArrayEquals(new String[] {
            "__Host-sigil_refresh=; Max-Age=0; Path=/; Secure; SameSite=Strict; HttpOnly",
            "__Host-sigil_csrf=; Max-Age=0; Path=/; Secure; SameSite=Strict"}, BrowserCookies.cleared());
    }
}
