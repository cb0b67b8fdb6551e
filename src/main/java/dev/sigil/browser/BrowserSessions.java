package dev.sigil.browser;

import dev.sigil.login.LoginRequest;
import dev.sigil.login.LoginService;
import dev.sigil.session.RefreshRotation;
import dev.sigil.session.SessionControl;
import dev.sigil.session.SessionLookup;
import dev.sigil.session.TokenResponse;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The browser mode (SPEC §8) on top of the services of the JSON API: the same login, rotation (with its reuse grace,
 * so that racing tabs get the same successor) and logouts, with the refresh token taken from the cookie, never from a
 * body, and each cookie-authenticated call checked for the session's CSRF token first. A wrong or missing token is
 * {@link CsrfRefused} before anything is spent, ended or recorded.
 */
@ApplicationScoped
public class BrowserSessions {

    @Inject
    LoginService logins;

    @Inject
    RefreshRotation rotation;

    @Inject
    SessionLookup lookup;

    @Inject
    SessionControl control;

    public BrowserSignIn login(LoginRequest request, ClientInfo client) {
        TokenResponse tokens = logins.login(request, client);
        return new BrowserSignIn(tokens, lookup.csrfTokenOf(tokens.refreshToken()).orElseThrow(InvalidGrant::new));
    }

    public BrowserSignIn refresh(String cookie, String proof, ClientInfo client) {
        String csrfToken = checkProof(cookie, proof);
        return new BrowserSignIn(rotation.refresh(cookie, client), csrfToken);
    }

    /** Ends the cookie's session; without a cookie, or with one of no known session, there is nothing to end. */
    public void logout(String cookie, String proof, ClientInfo client) {
        requirePresent(proof);
        Optional<String> expected = cookie == null ? Optional.empty() : lookup.csrfTokenOf(cookie);
        if (expected.isPresent()) {
            requireMatch(expected.get(), proof);
            control.logoutByRefreshToken(cookie, client);
        }
    }

    public void logoutAll(String cookie, String proof, ClientInfo client) {
        checkProof(cookie, proof);
        control.logoutAllByRefreshToken(cookie, client);
    }

    /** The session's CSRF token, once {@code proof} is it; 401 {@code invalid_grant} for a cookie of no session. */
    private String checkProof(String cookie, String proof) {
        requirePresent(proof);
        if (cookie == null || cookie.isEmpty()) {
            throw new InvalidGrant();
        }
        String expected = lookup.csrfTokenOf(cookie).orElseThrow(InvalidGrant::new);
        requireMatch(expected, proof);
        return expected;
    }

    private static void requireMatch(String expected, String proof) {
        // Constant time: the comparison tells nothing about how much of the guess was right.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), proof.getBytes(StandardCharsets.UTF_8))) {
            throw new CsrfRefused("The X-CSRF-Token header is not the one of this session.");
        }
    }

    private static void requirePresent(String proof) {
        if (proof == null || proof.isBlank()) {
            throw new CsrfRefused("The X-CSRF-Token header is required: the page reads it from the cookie "
                    + BrowserCookies.CSRF + " or from csrf_token of the last token response.");
        }
    }
}
