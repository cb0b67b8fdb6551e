package dev.sigil.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigil.password.Argon2idHasher.Argon2Settings;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashesTest {

    /** passlib tests/test_handlers.py: the Greek name its handler tests hash. */
    private static final String UPASS_WAV = "\u0399\u03c9\u03b1\u03bd\u03bd\u03b7\u03c2";

    private final PasswordHashes hashes = new PasswordHashes(new Argon2idHasher());

    /** Password and hash pairs published by others; none was made by the code under test. */
    static Stream<Arguments> knownAnswers() {
        return Stream.of(
                // pyca/bcrypt tests/test_bcrypt.py, _test_vectors[0]
                Arguments.of("Kk4DQuMMfZL9o", "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm"),
                // Openwall crypt_blowfish wrapper.c, also in pyca/bcrypt and bcgit/bc-java OpenBSDBCryptTest
                Arguments.of("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                // jBCrypt TestBCrypt test_vectors, also in bcgit/bc-java OpenBSDBCryptTest bcryptTest3
                Arguments.of("", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."),
                Arguments.of("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"),
                // bcgit/bc-java OpenBSDBCryptTest bcryptTest2b: UTF-8 password
                Arguments.of("ππππππππ", "$2a$10$.TtQJ4Jr6isd4Hp.mVfZeuh6Gws4rOQ/vdBczhDx.19NFK0Y84Dle"),
                // PHP manual, password_verify() example 1
                Arguments.of("rasmuslerdorf", "$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq"),
                // passlib documentation, passlib.hash.pbkdf2_digest usage example
                Arguments.of("password",
                        "$pbkdf2-sha256$6400$0ZrzXitFSGltTQnBWOsdAw$Y11AchqV4b0sUisdZd0Xr97KWoymNE0LNNrnEgY4H9M"),
                Arguments.of("password",
                        "$pbkdf2-sha256$8000$XAuBMIYQQogxRg$tRRlz8hYn63B9LYiCd6PRo6FMiunY9ozmMMI3srxeRE"),
                // passlib tests/test_handlers_pbkdf2.py, pbkdf2_sha256_test and pbkdf2_sha512_test (UPASS_WAV)
                Arguments.of(UPASS_WAV,
                        "$pbkdf2-sha256$1212$3SABFJGDtyhrQMVt1uABPw$WyaUoqCLgvz97s523nF4iuOqZNbp5Nt8do/cuaa7AiI"),
                Arguments.of("password", "$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa1"
                        + "7k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww"),
                Arguments.of(UPASS_WAV, "$pbkdf2-sha512$1212$KkbvoKGsAIcF8IslDR6skQ$8be/PRmd88Ps8fmPowCJt"
                        + "tH9G3vgxpG.Krjt3KT.NP6cKJ0V4Prarqf.HBwz0dCkJ6xgWnSj2ynXSV7MlvMa8Q"),
                // RustCrypto/password-hashes pbkdf2 tests (PHC form with l=): the PBKDF2-HMAC-SHA256 vector of
                // stackoverflow.com/a/5136918 (P="passwordPASSWORDpassword", S="saltSALTsaltSALTsaltSALTsaltSALTsalt")
                Arguments.of("passwordPASSWORDpassword", "$pbkdf2-sha256$i=4096,l=40"
                        + "$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0"
                        + "$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q"),
                // Made for this test with Python 3.11: salt = os.urandom(16);
                // hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, 210000, 64), standard base64 unpadded
                Arguments.of("correct horse ✓ pässwörd", "$pbkdf2-sha512$i=210000$g6eonw8rfKcCvNEqZ/CbwA"
                        + "$WR7LaSk92udzbVaUtnMjhw0Oe6xvpAjEO9xe0yDLL9ZNu7TWESqvtsR0hmMIXvMy2RcBbkloTr+/5uw4y8Oy0g"),
                // P-H-C/phc-winner-argon2 src/test.c: Argon2i version 16 (no v=), version 19, Argon2id version 19
                Arguments.of("password",
                        "$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ"),
                Arguments.of("password",
                        "$argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E"),
                Arguments.of("password",
                        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"),
                // OpenJDK TestArgon2EncodedHash.java (JDK-8253914): Argon2d version 19
                Arguments.of("12345678", "$argon2d$v=19$m=16,t=2,p=1$d3VVZ0s3bnBIN25UbXVzQw$4piwyhK7cr9pZM1N88kyoQ"),
                // maandree/libar2simplified test.c: Argon2d and Argon2id version 16
                Arguments.of("", "$argon2d$v=16$m=8,t=1,p=1$ICAgICAgICA$X54KZYxUSfMUihzebb70sKbheabHilo8gsUldrVU4IU"),
                Arguments.of("\0",
                        "$argon2id$v=16$m=8,t=1,p=1$ICAgICAgICA$fXq1aUbp9yhbn+EQc4AzUUE6AKnHAkvzIXsN6J4ukvE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hunter2",
        "$1$saltstri$YMyguxXMBpd2TEZ.vS/3q1",
        // The SHA-crypt specification's examples for "Hello world!"
        "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZF4xfpA6",
        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        "{SSHA}DkMTwBl+a/3DQTxCYEApdUtNXGgdUac3",
        "pbkdf2_sha256$600000$c2FsdHNhbHQ$Y11AchqV4b0sUisdZd0Xr97KWoymNE0LNNrnEgY4H9M=",
        "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e",
        "$2$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e",
        "$pbkdf2$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI",
        "$argon2ds$v=16$m=8,t=1,p=1$ICAgICAgICA$zgdykk9ZjN5VyrW0LxGw8LmrJ1Z6fqSC+3jPQtn4n0s",
        "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"})
    void unknownFormatIsRefusedWithTheAcceptedFormatsNamed(String hash) {
        String problem = hashes.problem(hash).orElseThrow();
        assertTrue(problem.startsWith("Unknown password hash format."), problem);
        for (String accepted : new String[] {"$2a$", "$2b$", "$2y$", "$pbkdf2-sha256$", "$pbkdf2-sha512$", "$argon2id$",
            "$argon2i$", "$argon2d$"}) {
            assertTrue(problem.contains(accepted), accepted);
        }
        assertFalse(hashes.verify("Hello world!", hash));
        assertTrue(hashes.needsRehash(hash));
    }

    @Test
    void missingOrOverlongHashIsRefused() {
        assertTrue(hashes.problem(null).orElseThrow().startsWith("The password hash is empty."));
        assertTrue(hashes.problem("").orElseThrow().startsWith("The password hash is empty."));
        String overlong = "$pbkdf2-sha256$1212$" + "A".repeat(1000) + "$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
        assertEquals(Optional.of("The password hash is longer than 1000 characters."), hashes.problem(overlong));
        assertFalse(hashes.verify("password", null));
        assertFalse(hashes.verify("password", overlong));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // truncated by one character
        "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YE | Malformed bcrypt hash",
        // pyca/bcrypt test_checkpw_bad_salt: a character outside bcrypt's base64, a one-digit cost, a short string
        "$2b$04$?Siw3Nv3Q/gTOIPetAyPr.GNj3aO0lb1E5E9UumYGKjP9BYqlNWJe | Malformed bcrypt hash",
        "$2b$3$mdEQPMOtfPX.WGZNXgF66OhmBlOGKEd66SQ7DyJPGucYYmvTJYviy | Malformed bcrypt hash",
        "$2b$12$incorrect | Malformed bcrypt hash",
        // the pyca vector with unused salt bits set ('O' -> 'P')
        "$2b$04$cVWp4XaNU8a4v1uMRum2SP026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | does not end on a valid character",
        // passlib known_malformed_hashes for pbkdf2: zero-padded rounds, empty rounds, one field too many
        "$pbkdf2-sha256$01212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ | Malformed PBKDF2",
        "$pbkdf2-sha256$$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ | Malformed PBKDF2",
        "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ$ | Malformed PBKDF2",
        "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw==$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ | Malformed PBKDF2",
        "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0V$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ | not valid base64",
        "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPd*Z1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ | Malformed PBKDF2",
        "$pbkdf2-sha256$i=4096,l=32$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0"
                + "$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q | l=32 but the hash has 40 bytes",
        // phc-winner-argon2 src/test.c error cases: a missing '$' twice, an empty salt
        "$argon2i$m=65536,t=2,p=1c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ | Malformed Argon2 hash",
        "$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ | Malformed Argon2 hash",
        "$argon2i$v=19$m=65536,t=2,p=1$$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ | Malformed Argon2 hash",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | Malformed Argon2",
        "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | Malformed Argon2",
        "$argon2id$v=19$m=65536,t=2,p=1,keyid=AAAA$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | Malformed",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5 | not valid base64",
        "$argon2id$v=18$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | version v=18"})
    void malformedHashIsRefusedWithoutRepeatingIt(String hash, String expected) {
        String problem = hashes.problem(hash).orElseThrow();
        assertTrue(problem.contains(expected), problem);
        assertFalse(problem.contains(hash));
        assertFalse(hashes.verify("password", hash));
        assertTrue(hashes.needsRehash(hash));
    }

    // Each of these would cost seconds to hours (or gigabytes) per login if it were accepted.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$2b$17$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | bcrypt cost 17 is outside 4..12",
        "$2b$31$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | bcrypt cost 31 is outside 4..12",
        "$2b$03$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | bcrypt cost 3 is outside 4..12",
        // Above what a login can afford (issue 9): accepted before, about 0.6 s to hours of CPU per login each.
        "$2b$13$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | bcrypt cost 13 is outside 4..12",
        "$2b$16$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm | bcrypt cost 16 is outside 4..12",
        "$pbkdf2-sha256$i=1000001$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg+fJPeq1h/gXXY7acBp9/6c+tmQ | 1000..1000000",
        "$pbkdf2-sha256$10000000$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ | 1000..1000000",
        "$argon2id$v=19$m=1048576,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | 8*p..65536 (64 MiB)",
        "$argon2id$v=19$m=65537,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | memory m=65537",
        "$argon2id$v=19$m=19456,t=5,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | passes t=5 is outside 1..4",
        "$argon2id$v=19$m=19456,t=64,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | passes t=64",
        "$argon2id$v=19$m=19456,t=2,p=9$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | parallelism p=9 is outside 1..8",
        "$pbkdf2-sha256$999$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ | iterations 999 are",
        "$pbkdf2-sha512$i=10000001$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg+fJPeq1h/gXXY7acBp9/6c+tmQ | 10000001 are",
        "$pbkdf2-sha512$i=9999999999$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg+fJPeq1h/gXXY7acBp9/6c+tmQ | 9999999999",
        "$pbkdf2-sha256$i=4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o | salt has 4 bytes",
        "$pbkdf2-sha256$i=4096$c29tZXNhbHRzb21lc2FsdA$SwB5AbdlSJo | hash has 8 bytes",
        "$argon2id$v=19$m=2097152,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | memory m=2097152",
        "$argon2id$v=19$m=65536,t=65,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | passes t=65",
        "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | passes t=0",
        "$argon2id$v=19$m=65536,t=2,p=17$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | parallelism p=17",
        "$argon2id$v=19$m=15,t=2,p=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | memory m=15",
        "$argon2i$v=19$m=65536,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc | salt has 4 bytes",
        "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$SwB5AbdlSJo | hash has 8 bytes"})
    void absurdCostIsRefusedBeforeAnyHashing(String hash, String expected) {
        String problem = hashes.problem(hash).orElseThrow();
        assertTrue(problem.contains(expected), problem);
        assertFalse(hashes.verify("password", hash));
        assertTrue(hashes.needsRehash(hash));
    }

    @ParameterizedTest
    @MethodSource("knownAnswers")
    void knownAnswerRefusesAWrongPassword(String password, String hash) {
        assertFalse(hashes.verify(password + "!", hash));
        assertFalse(hashes.verify(password.isEmpty() ? "x" : password.substring(1), hash));
        assertFalse(hashes.verify(null, hash));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm",
        "$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq",
        "$pbkdf2-sha256$6400$0ZrzXitFSGltTQnBWOsdAw$Y11AchqV4b0sUisdZd0Xr97KWoymNE0LNNrnEgY4H9M",
        "$argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E",
        "$argon2d$v=19$m=16,t=2,p=1$d3VVZ0s3bnBIN25UbXVzQw$4piwyhK7cr9pZM1N88kyoQ",
        "$argon2id$v=16$m=8,t=1,p=1$ICAgICAgICA$fXq1aUbp9yhbn+EQc4AzUUE6AKnHAkvzIXsN6J4ukvE",
        // phc-winner-argon2 src/test.c, weaker than the configured 19 MiB
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"})
    void everyHashButConfiguredArgon2idNeedsRehash(String hash) {
        assertTrue(hashes.needsRehash(hash));
    }

    @Test
    void argon2idAtOrAboveTheConfiguredParametersNeedsNoRehash() {
        Argon2idHasher configured = new Argon2idHasher();
        assertFalse(hashes.needsRehash(configured.hash("password")));
        // phc-winner-argon2 src/test.c: 64 MiB, t=2, p=1 is stronger than the configured 19 MiB, t=2, p=1 ...
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertFalse(hashes.needsRehash(reference));
        // ... but not than 64 MiB, t=3.
        PasswordHashes stricter = new PasswordHashes(new Argon2idHasher(new Argon2Settings(65536, 3, 1)));
        assertTrue(stricter.needsRehash(reference));
    }

    @ParameterizedTest
    @MethodSource("knownAnswers")
    void knownAnswerIsImportableAndVerifies(String password, String hash) {
        assertEquals(Optional.empty(), hashes.problem(hash));
        assertTrue(hashes.verify(password, hash));
    }

    @Test
    void hashOfTheCurrentHasherVerifies() {
        String hash = new Argon2idHasher().hash("pässwörd ✓");
        assertEquals(Optional.empty(), hashes.problem(hash));
        assertTrue(hashes.verify("pässwörd ✓", hash));
        assertFalse(hashes.verify("passwörd ✓", hash));
    }
}
