package dev.sigil.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.password.Argon2idHasher.Argon2Settings;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idHasherTest {

    private final Argon2idHasher hasher = new Argon2idHasher();

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "plaintext",
        "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=19456,t=9999,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=19456,t=2,x=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$2b$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012"})
    void unreadableOrHostileHashNeverVerifies(String stored) {
        assertFalse(hasher.verify("password", stored));
        assertTrue(hasher.needsRehash(stored));
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        String hash = hasher.hash("correct horse battery staple");
        assertFalse(hasher.verify("correct horse battery stapl", hash));
        assertFalse(hasher.verify("Correct horse battery staple", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void hashIsAPhcStringWithOwaspParameters() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hasher.hash("correct horse battery staple"), hasher.hash("correct horse battery staple"));
    }

    @Test
    void rightPasswordVerifies() {
        String hash = hasher.hash("pässwörd with ünïcode ✓");
        assertTrue(hasher.verify("pässwörd with ünïcode ✓", hash));
    }

    @Test
    void verifiesHashMadeByAnotherImplementationOfTheSameParameters() {
        // Independent computation straight from BouncyCastle's generator (RFC 9106 Argon2id, version 0x13).
        byte[] salt = "somesaltsomesalt".getBytes(StandardCharsets.US_ASCII);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(0x13)
                .withMemoryAsKB(1024).withIterations(3).withParallelism(2).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes("password".getBytes(StandardCharsets.UTF_8), out);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=1024,t=3,p=2$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
        assertTrue(hasher.verify("password", phc));
        assertFalse(hasher.verify("Password", phc));
    }

    @Test
    void verifiesTheKnownAnswerOfTheReferenceImplementation() {
        // phc-winner-argon2 src/test.c: Argon2id v=0x13, t=2, m=2^16, p=1, "password" / "somesalt" gives this tag.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertEquals("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
                HexFormat.of().formatHex(Argon2idHasher.compute("password",
                        "somesalt".getBytes(StandardCharsets.US_ASCII), new Argon2Settings(65536, 2, 1), 32)));
        assertTrue(hasher.verify("password", reference));
        assertFalse(hasher.verify("passwore", reference));
    }

    @Test
    void weakerParametersNeedRehash() {
        Argon2idHasher weak = new Argon2idHasher(new Argon2Settings(1024, 1, 1));
        assertTrue(hasher.needsRehash(weak.hash("password")));
        assertFalse(hasher.needsRehash(hasher.hash("password")));
        assertFalse(weak.needsRehash(hasher.hash("password")));
    }
}
