package dev.sigil.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.config.InvalidConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivateKeySealTest {

    private static final String PKCS8 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
    private static final PrivateKeySeal SEAL = seal("the operator's key-encryption secret, 32+ bytes");

    private static PrivateKeySeal seal(String secret) {
        return new PrivateKeySeal(Optional.of(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongSecretIsRefusedWithAMessageNamingTheVariable() {
        String sealed = SEAL.seal("kid-1", PKCS8);
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> seal("another secret that is also 32+ bytes long").open("kid-1", sealed));
        assertTrue(e.getMessage().contains("SIGIL_KEY_ENCRYPTION_SECRET"));
    }

    @Test
    void sealedKeyMovedToAnotherKidIsRefused() {
        String sealed = SEAL.seal("kid-1", PKCS8);
        assertThrows(InvalidConfiguration.class, () -> SEAL.open("kid-2", sealed));
    }

    @Test
    void tamperedCiphertextIsRefused() {
        String sealed = SEAL.seal("kid-1", PKCS8);
        char last = sealed.charAt(sealed.length() - 5);
        String tampered = sealed.substring(0, sealed.length() - 5) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 4);
        assertThrows(InvalidConfiguration.class, () -> SEAL.open("kid-1", tampered));
    }

    @Test
    void encryptedKeyWithoutASecretIsRefused() {
        String sealed = SEAL.seal("kid-1", PKCS8);
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class,
                () -> new PrivateKeySeal(Optional.empty()).open("kid-1", sealed));
        assertTrue(e.getMessage().contains("SIGIL_KEY_ENCRYPTION_SECRET"));
    }

    @Test
    void sealedKeyOpensWithTheSameSecretAndHidesThePlaintext() {
        String sealed = SEAL.seal("kid-1", PKCS8);
        assertTrue(sealed.startsWith("enc:v1:"));
        assertTrue(!sealed.contains("MII"));
        assertNotEquals(sealed, SEAL.seal("kid-1", PKCS8), "a fresh IV every time");
        assertEquals(PKCS8, seal("the operator's key-encryption secret, 32+ bytes").open("kid-1", sealed));
    }

    @Test
    void withoutASecretKeysAreStoredAndReadAsTheyAre() {
        PrivateKeySeal none = new PrivateKeySeal(Optional.empty());
        assertEquals(PKCS8, none.seal("kid-1", PKCS8));
        assertEquals(PKCS8, none.open("kid-1", PKCS8));
        assertEquals(PKCS8, SEAL.open("kid-1", PKCS8), "keys stored before the secret was set still load");
    }
}
