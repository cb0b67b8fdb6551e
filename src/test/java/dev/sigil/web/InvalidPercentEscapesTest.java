package dev.sigil.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidPercentEscapesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/%ZZ", "/api/%", "/api/%4", "/api/%4G", "/api/%%41", "/%zz/x", "/api/ok%2", "%"})
    void aPercentWithoutTwoHexDigitsIsMalformed(String path) {
        assertTrue(InvalidPercentEscapes.malformed(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/ping", "/api/%41", "/api/%2e%2E", "/api/%C3%A9t%c3%a9", "/api/a%20b%7e", "", "/"})
    void wellFormedEscapesAndPlainPathsAreNot(String path) {
        assertFalse(InvalidPercentEscapes.malformed(path), path);
    }
}
