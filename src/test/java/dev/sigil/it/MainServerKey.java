package dev.sigil.it;

import dev.sigil.testsupport.TestKeys;
import java.nio.file.Path;
import java.security.KeyPair;

/** The RSA key of the main test server, generated once per test run, so that tests can sign tokens with it. */
public final class MainServerKey {

    private static final KeyPair PAIR = TestKeys.rsa();

    private MainServerKey() {
    }

    public static KeyPair pair() {
        return PAIR;
    }

    static void write(Path file) {
        TestKeys.writePkcs8Pem(PAIR, file);
    }
}
