package dev.sigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigilConfigTest {

    private static SigilConfig config(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return SigilConfig.from(name -> Optional.ofNullable(values.get(name)));
    }

    private static String failure(String... keyValues) {
        return assertThrows(InvalidConfiguration.class, () -> config(keyValues)).getMessage();
    }

    @ParameterizedTest
    @CsvSource({
        "sigil.access-token-ttl, 5 minutes, SIGIL_ACCESS_TOKEN_TTL",
        "sigil.access-token-ttl, 300, SIGIL_ACCESS_TOKEN_TTL",
        "sigil.access-token-ttl, PT0S, SIGIL_ACCESS_TOKEN_TTL",
        "sigil.access-token-ttl, -PT5M, SIGIL_ACCESS_TOKEN_TTL",
        "sigil.refresh-token-ttl, P1M, SIGIL_REFRESH_TOKEN_TTL",
        "sigil.session-max-lifetime, forever, SIGIL_SESSION_MAX_LIFETIME",
        "sigil.refresh-reuse-grace, -PT1S, SIGIL_REFRESH_REUSE_GRACE",
        "sigil.lockout-duration, PT, SIGIL_LOCKOUT_DURATION",
        "sigil.lockout-threshold, 0, SIGIL_LOCKOUT_THRESHOLD",
        "sigil.lockout-threshold, five, SIGIL_LOCKOUT_THRESHOLD",
        "sigil.password-min-length, 4, SIGIL_PASSWORD_MIN_LENGTH",
        "sigil.jwt-algorithm, PS256, SIGIL_JWT_ALGORITHM",
        "sigil.jwt-algorithm, none, SIGIL_JWT_ALGORITHM",
        "sigil.purge-interval, PT0S, SIGIL_PURGE_INTERVAL",
        "sigil.audit-retention, one year, SIGIL_AUDIT_RETENTION",
        "sigil.key-encryption-secret, too short for AES, SIGIL_KEY_ENCRYPTION_SECRET",
        "sigil.jwks-max-age, -PT1S, SIGIL_JWKS_MAX_AGE",
        "sigil.jwks-max-age, PT0.5S, SIGIL_JWKS_MAX_AGE",
        "sigil.key-activation-delay, PT0S, SIGIL_KEY_ACTIVATION_DELAY",
        "sigil.key-activation-delay, PT60S, SIGIL_KEY_ACTIVATION_DELAY",
        "sigil.browser-origins, https://app.example.com/, SIGIL_BROWSER_ORIGINS",
        "sigil.browser-origins, https://app.example.com/account, SIGIL_BROWSER_ORIGINS",
        "sigil.browser-origins, app.example.com, SIGIL_BROWSER_ORIGINS",
        "sigil.browser-origins, null, SIGIL_BROWSER_ORIGINS"})
    void invalidValueNamesTheEnvVar(String property, String value, String envVar) {
        String message = failure(property, value);
        assertTrue(message.startsWith(envVar + " "), message);
    }

    @Test
    void aNotReadyStartGetsTheDefaultInPlaceOfEachBadValueAndKeepsTheGoodOnes() {
        Map<String, String> values = Map.of("sigil.access-token-ttl", "banana", "sigil.lockout-threshold", "0",
                "sigil.refresh-token-ttl", "P2D");
        SigilConfig config = SigilConfig.withDefaultsForBadValues(name -> Optional.ofNullable(values.get(name)));
        assertEquals(Duration.ofMinutes(5), config.accessTokenTtl());
        assertEquals(5, config.lockoutThreshold());
        assertEquals(Duration.ofDays(2), config.refreshTokenTtl());
    }

    @Test
    void everyBadValueIsNamedNotOnlyTheFirst() {
        InvalidConfiguration e = assertThrows(InvalidConfiguration.class, () -> config(
                "sigil.access-token-ttl", "banana", "sigil.lockout-threshold", "many",
                "sigil.jwt-algorithm", "HS256", "sigil.admin-reset-password", "yes"));
        assertEquals(java.util.List.of(
                "SIGIL_ACCESS_TOKEN_TTL is not an ISO-8601 duration such as PT5M or P14D: 'banana'",
                "SIGIL_JWT_SECRET is required when SIGIL_JWT_ALGORITHM is HS256 (at least 32 bytes)",
                "SIGIL_ADMIN_RESET_PASSWORD must be true or false, not 'yes'",
                "SIGIL_LOCKOUT_THRESHOLD is not a whole number: 'many'"), e.problems());
    }

    @Test
    void adminPasswordResetNeedsTheNewPassword() {
        assertEquals("SIGIL_ADMIN_RESET_PASSWORD needs the new password in SIGIL_ADMIN_PASSWORD",
                failure("sigil.admin-reset-password", "true"));
        assertTrue(config("sigil.admin-reset-password", "TRUE", "sigil.admin-password", "x".repeat(20))
                .adminResetPassword());
    }

    @Test
    void metricsArePublicOnlyWhenSwitchedOn() {
        assertFalse(config().metricsPublic());
        assertTrue(config("sigil.metrics-public", "true").metricsPublic());
        assertEquals("SIGIL_METRICS_PUBLIC must be true or false, not 'on'", failure("sigil.metrics-public", "on"));
    }

    @Test
    void embeddedDefaultDatabaseCommitsDurably() {
        SigilConfig config = config();
        assertTrue(config.databaseUrl().contains(";WRITE_DELAY=0"), config.databaseUrl());
        assertTrue(config.embeddedDatabase());
        assertEquals("127.0.0.1", config.bindAddress());
        assertFalse(config("sigil.db.url", "jdbc:postgresql://db:5432/sigil?password=secret").embeddedDatabase());
        assertEquals("jdbc:postgresql://db:5432/sigil",
                config("sigil.db.url", "jdbc:postgresql://db:5432/sigil?password=secret").databaseLabel());
    }

    @Test
    void hs256WithoutSecretIsRefused() {
        assertTrue(failure("sigil.jwt-algorithm", "HS256").startsWith("SIGIL_JWT_SECRET is required"));
    }

    @Test
    void hs256SecretUnder32BytesIsRefused() {
        String message = failure("sigil.jwt-algorithm", "HS256", "sigil.jwt-secret", "x".repeat(31));
        assertEquals("SIGIL_JWT_SECRET must be at least 32 bytes for HS256, got 31", message);
    }

    @Test
    void hs256SecretIsCountedInUtf8Bytes() {
        // 11 characters of 3 UTF-8 bytes each: 33 bytes.
        assertEquals(33, config("sigil.jwt-algorithm", "HS256", "sigil.jwt-secret", "€".repeat(11))
                .jwtSecret().orElseThrow().length);
    }

    @Test
    void unreadableKeyFileIsRefused(@TempDir Path dir) {
        String message = failure("sigil.jwt-key-file", dir.resolve("missing.pem").toString());
        assertTrue(message.startsWith("SIGIL_JWT_KEY_FILE is not a readable file"), message);
    }

    @Test
    void keyFileWithHs256IsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("k.pem"), "x");
        String message = failure("sigil.jwt-algorithm", "HS256", "sigil.jwt-secret", "s".repeat(32),
                "sigil.jwt-key-file", file.toString());
        assertTrue(message.startsWith("SIGIL_JWT_KEY_FILE"), message);
    }

    @Test
    void defaultsAreTheSpecified() {
        SigilConfig config = config();
        assertEquals("http://localhost:8080", config.issuer());
        assertEquals("sigil", config.audience());
        assertEquals(Duration.ofMinutes(5), config.accessTokenTtl());
        assertEquals(Duration.ofDays(14), config.refreshTokenTtl());
        assertEquals(Duration.ofDays(30), config.sessionMaxLifetime());
        assertEquals(Duration.ofSeconds(30), config.refreshReuseGrace());
        assertEquals(JwtAlgorithm.RS256, config.jwtAlgorithm());
        assertEquals("admin", config.adminUsername());
        assertTrue(config.adminPassword().isEmpty());
        assertEquals(5, config.lockoutThreshold());
        assertEquals(Duration.ofMinutes(15), config.lockoutDuration());
        assertEquals(12, config.passwordMinLength());
        assertEquals(Duration.ofSeconds(60), config.jwksMaxAge());
        assertEquals(Duration.ofMinutes(6), config.keyActivationDelay());
    }

    @Test
    void keyActivationDelayMustOutlastTheJwksMaxAgeAndTheMessageNamesBoth() {
        assertEquals("SIGIL_KEY_ACTIVATION_DELAY must be longer than SIGIL_JWKS_MAX_AGE, got PT2S and PT2S",
                failure("sigil.jwks-max-age", "PT2S", "sigil.key-activation-delay", "PT2S"));
        assertEquals(Duration.ofSeconds(3), config("sigil.jwks-max-age", "PT2S", "sigil.key-activation-delay", "PT3S")
                .keyActivationDelay());
    }

    @Test
    void issuerDefaultFollowsThePort() {
        assertEquals("http://localhost:9090", config("PORT", "9090").issuer());
        assertEquals("https://id.example", config("PORT", "9090", "sigil.issuer", "https://id.example").issuer());
    }

    @Test
    void algorithmNameIsCaseInsensitive() {
        assertEquals(JwtAlgorithm.ES256, config("sigil.jwt-algorithm", "es256").jwtAlgorithm());
    }

    @Test
    void toStringNeverShowsSecrets() {
        String secret = "a-very-secret-hmac-key-of-32-bytes-or-more";
        String sealing = "the key-encryption secret, also 32 bytes or more";
        String text = config("sigil.jwt-algorithm", "HS256", "sigil.jwt-secret", secret,
                "sigil.admin-password", "the admin password", "sigil.key-encryption-secret", sealing).toString();
        assertFalse(text.contains(secret));
        assertFalse(text.contains(sealing));
        assertFalse(text.contains("the admin password"));
    }

    @Test
    void browserOriginsDefaultToTheOriginOfTheIssuer() {
        assertEquals(java.util.List.of("https://sigil.example.com"),
                config("sigil.issuer", "https://Sigil.example.com:443/realm").browserOrigins());
        assertEquals(java.util.List.of("http://localhost:8080"), config().browserOrigins());
        assertEquals(java.util.List.of("https://app.example.com", "http://127.0.0.1:9000"),
                config("sigil.browser-origins", "https://app.example.com, http://127.0.0.1:9000").browserOrigins());
    }
}
