package dev.sigil.browser;

import dev.sigil.web.SigilException;

/**
 * 403: a browser-mode request without the proof that it came from a page of the session's own origin (SPEC §8): a
 * foreign or missing Origin, a form's content type, no X-CSRF-Token, or one that is not the session's. Nothing was
 * changed.
 */
class CsrfRefused extends SigilException {
    CsrfRefused(String detail) {
        super(403, "csrf_refused", "Forbidden", detail);
    }
}
