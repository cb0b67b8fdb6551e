package dev.sigil.browser;

import dev.sigil.session.TokenResponse;

/** A login or a refresh of the browser mode: the token pair and the session's CSRF token. */
record BrowserSignIn(TokenResponse tokens, String csrfToken) {
}
