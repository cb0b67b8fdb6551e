package dev.sigil.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sigil's configuration (SPEC §2), read once and checked at start. A bad value throws
 * {@link InvalidConfiguration} naming the env var. {@link #toString()} never shows a secret.
 */
public final class SigilConfig {

    static final int MIN_HS256_SECRET_BYTES = 32;
    /** The embedded default; WRITE_DELAY=0 makes every commit reach the file before the answer leaves (issue 9 #12). */
    static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/sigil;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    static final String DEFAULT_DATABASE_CLASS = "org.h2.jdbcx.JdbcDataSource";
    static final String DEFAULT_DATABASE_USER = "sa";

    private final String issuer;
    private final String audience;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenTtl;
    private final Duration sessionMaxLifetime;
    private final Duration refreshReuseGrace;
    private final JwtAlgorithm jwtAlgorithm;
    private final Optional<byte[]> jwtSecret;
    private final Optional<Path> jwtKeyFile;
    private final String adminUsername;
    private final Optional<String> adminPassword;
    private final int lockoutThreshold;
    private final Duration lockoutDuration;
    private final int passwordMinLength;
    private final Duration purgeInterval;
    private final Optional<byte[]> keyEncryptionSecret;
    private final Duration auditRetention;
    private final int hashConcurrency;
    private final Duration hashQueueWait;
    private final int port;
    private final String bindAddress;
    private final boolean adminResetPassword;
    private final String databaseUrl;
    private final String databaseUser;
    private final Duration listenerPollInterval;
    private final Duration catchUpInterval;
    private final boolean metricsPublic;
    private final Duration jwksMaxAge;
    private final Duration keyActivationDelay;
    private final List<String> browserOrigins;

    private SigilConfig(Source source) {
        this.port = source.integer("PORT", "PORT", 8080, 1, 65535);
        this.bindAddress = source.required("sigil.bind-address", "SIGIL_BIND_ADDRESS", "127.0.0.1");
        this.issuer = source.text("sigil.issuer", "SIGIL_ISSUER").orElse("http://localhost:" + port);
        this.audience = source.required("sigil.audience", "SIGIL_AUDIENCE", "sigil");
        this.accessTokenTtl = source.positiveDuration("sigil.access-token-ttl", "SIGIL_ACCESS_TOKEN_TTL", "PT5M");
        this.refreshTokenTtl = source.positiveDuration("sigil.refresh-token-ttl", "SIGIL_REFRESH_TOKEN_TTL", "P14D");
        this.sessionMaxLifetime = source.positiveDuration("sigil.session-max-lifetime", "SIGIL_SESSION_MAX_LIFETIME",
                "P30D");
        Duration grace = source.duration("sigil.refresh-reuse-grace", "SIGIL_REFRESH_REUSE_GRACE", "PT30S");
        if (grace.isNegative()) {
            source.problem("SIGIL_REFRESH_REUSE_GRACE", "must not be negative");
            grace = Duration.ZERO;
        }
        this.refreshReuseGrace = grace;
        this.jwtAlgorithm = algorithm(source, source.required("sigil.jwt-algorithm", "SIGIL_JWT_ALGORITHM", "RS256"));
        this.jwtSecret = source.text("sigil.jwt-secret", "SIGIL_JWT_SECRET")
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8));
        this.jwtKeyFile = source.text("sigil.jwt-key-file", "SIGIL_JWT_KEY_FILE").map(Path::of);
        checkSigningMaterial(source);
        this.adminUsername = source.required("sigil.admin-username", "SIGIL_ADMIN_USERNAME", "admin");
        this.adminPassword = source.text("sigil.admin-password", "SIGIL_ADMIN_PASSWORD");
        this.adminResetPassword = source.bool("sigil.admin-reset-password", "SIGIL_ADMIN_RESET_PASSWORD");
        if (adminResetPassword && adminPassword.isEmpty()) {
            source.problem("SIGIL_ADMIN_RESET_PASSWORD", "needs the new password in SIGIL_ADMIN_PASSWORD");
        }
        this.lockoutThreshold = source.integer("sigil.lockout-threshold", "SIGIL_LOCKOUT_THRESHOLD", 5, 1, 1000);
        this.lockoutDuration = source.positiveDuration("sigil.lockout-duration", "SIGIL_LOCKOUT_DURATION", "PT15M");
        this.passwordMinLength = source.integer("sigil.password-min-length", "SIGIL_PASSWORD_MIN_LENGTH", 12, 8,
                PasswordLimits.MAX_LENGTH);
        this.purgeInterval = source.positiveDuration("sigil.purge-interval", "SIGIL_PURGE_INTERVAL", "PT10M");
        this.auditRetention = source.positiveDuration("sigil.audit-retention", "SIGIL_AUDIT_RETENTION", "P365D");
        this.hashConcurrency = source.integer("sigil.hash-concurrency", "SIGIL_HASH_CONCURRENCY",
                Runtime.getRuntime().availableProcessors(), 1, 1024);
        this.hashQueueWait = source.duration("sigil.hash-queue-wait", "SIGIL_HASH_QUEUE_WAIT", "PT2S");
        if (hashQueueWait.isNegative()) {
            source.problem("SIGIL_HASH_QUEUE_WAIT", "must not be negative, got " + hashQueueWait);
        }
        this.keyEncryptionSecret = source.text("sigil.key-encryption-secret", "SIGIL_KEY_ENCRYPTION_SECRET")
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8));
        keyEncryptionSecret.ifPresent(secret -> {
            if (secret.length < MIN_HS256_SECRET_BYTES) {
                source.problem("SIGIL_KEY_ENCRYPTION_SECRET",
                        "must be at least " + MIN_HS256_SECRET_BYTES + " bytes, got " + secret.length);
            }
        });
        this.databaseUrl = source.required("sigil.db.url", "SIGIL_DB_URL", DEFAULT_DATABASE_URL);
        this.databaseUser = source.required("sigil.db.user", "SIGIL_DB_USER", DEFAULT_DATABASE_USER);
        this.listenerPollInterval = source.positiveDuration("sigil.listener-poll-interval",
                "SIGIL_LISTENER_POLL_INTERVAL", "PT1S");
        this.catchUpInterval = source.positiveDuration("sigil.catch-up-interval", "SIGIL_CATCH_UP_INTERVAL", "PT30S");
        this.metricsPublic = source.bool("sigil.metrics-public", "SIGIL_METRICS_PUBLIC");
        this.jwksMaxAge = jwksMaxAge(source);
        this.keyActivationDelay = source.positiveDuration("sigil.key-activation-delay", "SIGIL_KEY_ACTIVATION_DELAY",
                "PT6M");
        if (keyActivationDelay.compareTo(jwksMaxAge) <= 0) {
            // A verifier may hold the JWKS of before the rotation for max-age: the new key must not sign before then.
            source.problem("SIGIL_KEY_ACTIVATION_DELAY", "must be longer than SIGIL_JWKS_MAX_AGE, got "
                    + keyActivationDelay + " and " + jwksMaxAge);
        }
        this.browserOrigins = browserOrigins(source, issuer);
        source.failIfAnyProblem();
    }

    /**
     * Reads and checks every value; {@code lookup} maps a property name to its value, if any. Throws one
     * {@link InvalidConfiguration} that lists every bad value, not only the first.
     */
    public static SigilConfig from(Function<String, Optional<String>> lookup) {
        return new SigilConfig(new Source(lookup, new ArrayList<>(), true));
    }

    /**
     * The same values with the default in place of each bad one, for a start that is not ready ({@link StartProblems}):
     * the beans that inject the configuration can be built, and none acts on it (the start steps skip, the gate refuses
     * every request).
     */
    static SigilConfig withDefaultsForBadValues(Function<String, Optional<String>> lookup) {
        return new SigilConfig(new Source(lookup, new ArrayList<>(), false));
    }

    private static JwtAlgorithm algorithm(Source source, String name) {
        try {
            return JwtAlgorithm.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            source.problem("SIGIL_JWT_ALGORITHM", "must be one of RS256, ES256, HS256, not '" + name + "'");
            return JwtAlgorithm.RS256;
        }
    }

    private static Duration jwksMaxAge(Source source) {
        Duration maxAge = source.duration("sigil.jwks-max-age", "SIGIL_JWKS_MAX_AGE", "PT60S");
        if (maxAge.isNegative() || maxAge.getNano() != 0) {
            source.problem("SIGIL_JWKS_MAX_AGE", "must be zero or more whole seconds (Cache-Control max-age), got "
                    + maxAge);
            return Duration.ofSeconds(60);
        }
        return maxAge;
    }

    /**
     * SIGIL_BROWSER_ORIGINS: the origins whose pages may call /api/browser/* (comma-separated, each
     * scheme://host[:port] without a path); default the origin of the issuer, where Sigil serves /account/.
     */
    private static List<String> browserOrigins(Source source, String issuer) {
        String fallback = originOf(issuer).orElse(issuer);
        List<String> origins = new ArrayList<>();
        for (String entry : source.required("sigil.browser-origins", "SIGIL_BROWSER_ORIGINS", fallback).split(",")) {
            String origin = entry.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (!originOf(origin).equals(Optional.of(origin))) {
                source.problem("SIGIL_BROWSER_ORIGINS", "must list origins such as https://app.example.com"
                        + " (scheme, host and optional port; no path, no trailing slash), not '" + origin + "'");
            }
            origins.add(origin);
        }
        return List.copyOf(origins);
    }

    /** The RFC 6454 origin of an http(s) URL, lower-case scheme and host, default port left out. */
    static Optional<String> originOf(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private void checkSigningMaterial(Source source) {
        if (jwtAlgorithm == JwtAlgorithm.HS256) {
            if (jwtSecret.isEmpty()) {
                source.problem("SIGIL_JWT_SECRET",
                        "is required when SIGIL_JWT_ALGORITHM is HS256 (at least " + MIN_HS256_SECRET_BYTES + " bytes)");
            } else if (jwtSecret.get().length < MIN_HS256_SECRET_BYTES) {
                source.problem("SIGIL_JWT_SECRET",
                        "must be at least " + MIN_HS256_SECRET_BYTES + " bytes for HS256, got " + jwtSecret.get().length);
            }
            if (jwtKeyFile.isPresent()) {
                source.problem("SIGIL_JWT_KEY_FILE", "is for RS256 and ES256 keys; HS256 uses SIGIL_JWT_SECRET");
            }
            return;
        }
        jwtKeyFile.ifPresent(file -> {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                source.problem("SIGIL_JWT_KEY_FILE", "is not a readable file: " + file.toAbsolutePath());
            }
        });
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Duration refreshTokenTtl() {
        return refreshTokenTtl;
    }

    public Duration sessionMaxLifetime() {
        return sessionMaxLifetime;
    }

    public Duration refreshReuseGrace() {
        return refreshReuseGrace;
    }

    public JwtAlgorithm jwtAlgorithm() {
        return jwtAlgorithm;
    }

    /** The HS256 secret; present (and at least 32 bytes) exactly when the algorithm is HS256. */
    public Optional<byte[]> jwtSecret() {
        return jwtSecret.map(byte[]::clone);
    }

    public Optional<Path> jwtKeyFile() {
        return jwtKeyFile;
    }

    public String adminUsername() {
        return adminUsername;
    }

    public Optional<String> adminPassword() {
        return adminPassword;
    }

    public int lockoutThreshold() {
        return lockoutThreshold;
    }

    public Duration lockoutDuration() {
        return lockoutDuration;
    }

    public int passwordMinLength() {
        return passwordMinLength;
    }

    /** How often expired sessions, refresh tokens and stale login attempts are deleted. */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    /** How long audit events are kept before the purge deletes them. */
    public Duration auditRetention() {
        return auditRetention;
    }

    /** How many password hashes may run at once (each Argon2id holds its memory while it runs). */
    public int hashConcurrency() {
        return hashConcurrency;
    }

    /** How long a hash waits for a free slot before the request gets 503. */
    public Duration hashQueueWait() {
        return hashQueueWait;
    }

    /** Secret that encrypts generated private signing keys at rest (AES-256-GCM); empty = stored unencrypted. */
    public Optional<byte[]> keyEncryptionSecret() {
        return keyEncryptionSecret.map(byte[]::clone);
    }

    /** HTTP port (env PORT), as the run profile and the deploy command pass it to Payara Micro too. */
    public int port() {
        return port;
    }

    /** Address the HTTP listener binds to (the preboot script reads the same SIGIL_BIND_ADDRESS). */
    public String bindAddress() {
        return bindAddress;
    }

    /** SIGIL_ADMIN_RESET_PASSWORD=true: set the bootstrap admin's password to SIGIL_ADMIN_PASSWORD at this start. */
    public boolean adminResetPassword() {
        return adminResetPassword;
    }

    /** The JDBC URL (SIGIL_DB_URL); may hold a password, so show it only through {@link #databaseLabel()}. */
    public String databaseUrl() {
        return databaseUrl;
    }

    public String databaseUser() {
        return databaseUser;
    }

    /** The embedded H2 database, in a file or in memory, rather than a shared server. */
    public boolean embeddedDatabase() {
        return databaseUrl.startsWith("jdbc:h2:") && !databaseUrl.startsWith("jdbc:h2:tcp:")
                && !databaseUrl.startsWith("jdbc:h2:ssl:");
    }

    /** PostgreSQL, the database several nodes share: changes are pushed to every node through LISTEN/NOTIFY. */
    public boolean postgresDatabase() {
        return databaseUrl.startsWith("jdbc:postgresql:");
    }

    /** How often a node whose change listener is down reads the changes itself (SIGIL_LISTENER_POLL_INTERVAL). */
    public Duration listenerPollInterval() {
        return listenerPollInterval;
    }

    /** How often a node with a working listener still reads what changed, in case a notice was lost. */
    public Duration catchUpInterval() {
        return catchUpInterval;
    }

    /** SIGIL_METRICS_PUBLIC=true: the metrics are also served without a token at GET /api/metrics. */
    public boolean metricsPublic() {
        return metricsPublic;
    }

    /** How long verifiers may cache GET /.well-known/jwks.json (its Cache-Control max-age). */
    public Duration jwksMaxAge() {
        return jwksMaxAge;
    }

    /** How long after a rotation the new key starts signing; longer than {@link #jwksMaxAge()}. */
    public Duration keyActivationDelay() {
        return keyActivationDelay;
    }

    /** The origins whose pages may make cookie-authenticated calls to /api/browser/* (SIGIL_BROWSER_ORIGINS). */
    public List<String> browserOrigins() {
        return browserOrigins;
    }

    /** The database URL without its parameters (which may carry credentials), for the log. */
    public String databaseLabel() {
        return labelOf(databaseUrl);
    }

    static String labelOf(String databaseUrl) {
        return databaseUrl.replaceAll("[;?].*$", "");
    }

    @Override
    public String toString() {
        return "SigilConfig[issuer=" + issuer + ", audience=" + audience + ", accessTokenTtl=" + accessTokenTtl
                + ", refreshTokenTtl=" + refreshTokenTtl + ", sessionMaxLifetime=" + sessionMaxLifetime
                + ", refreshReuseGrace=" + refreshReuseGrace + ", jwtAlgorithm=" + jwtAlgorithm
                + ", jwtSecret=" + (jwtSecret.isPresent() ? "(set)" : "(none)")
                + ", jwtKeyFile=" + jwtKeyFile.map(Path::toString).orElse("(none)")
                + ", adminUsername=" + adminUsername
                + ", adminPassword=" + (adminPassword.isPresent() ? "(set)" : "(generated)")
                + ", lockoutThreshold=" + lockoutThreshold + ", lockoutDuration=" + lockoutDuration
                + ", passwordMinLength=" + passwordMinLength + ", purgeInterval=" + purgeInterval + ", auditRetention=" + auditRetention
                + ", hashConcurrency=" + hashConcurrency + ", hashQueueWait=" + hashQueueWait
                + ", keyEncryptionSecret=" + (keyEncryptionSecret.isPresent() ? "(set)" : "(none)")
                + ", listenerPollInterval=" + listenerPollInterval + ", catchUpInterval=" + catchUpInterval
                + ", metricsPublic=" + metricsPublic + ", jwksMaxAge=" + jwksMaxAge
                + ", keyActivationDelay=" + keyActivationDelay + ", browserOrigins=" + browserOrigins
                + ", database=" + databaseLabel() + "]";
    }

    /** Typed reads with the env var name in every problem; a bad value is noted and its default used meanwhile. */
    private record Source(Function<String, Optional<String>> lookup, List<String> problems, boolean strict) {

        void problem(String envVar, String text) {
            problems.add(envVar + " " + text);
        }

        void failIfAnyProblem() {
            if (strict && !problems.isEmpty()) {
                throw new InvalidConfiguration(problems);
            }
        }

        Optional<String> text(String property, String envVar) {
            return lookup.apply(property).filter(value -> !value.isBlank());
        }

        String required(String property, String envVar, String fallback) {
            return text(property, envVar).orElse(fallback).trim();
        }

        boolean bool(String property, String envVar) {
            String value = required(property, envVar, "false").toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                problem(envVar, "must be true or false, not '" + value + "'");
            }
            return value.equals("true");
        }

        Duration duration(String property, String envVar, String fallback) {
            String value = required(property, envVar, fallback);
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                problem(envVar, "is not an ISO-8601 duration such as PT5M or P14D: '" + value + "'");
                return Duration.parse(fallback);
            }
        }

        Duration positiveDuration(String property, String envVar, String fallback) {
            Duration duration = duration(property, envVar, fallback);
            if (duration.isZero() || duration.isNegative()) {
                problem(envVar, "must be a positive duration, got " + duration);
                return Duration.parse(fallback);
            }
            return duration;
        }

        int integer(String property, String envVar, int fallback, int min, int max) {
            String value = text(property, envVar).orElse(Integer.toString(fallback)).trim();
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                problem(envVar, "is not a whole number: '" + value + "'");
                return fallback;
            }
            if (number < min || number > max) {
                problem(envVar, "must be between " + min + " and " + max + ", got " + number);
                return fallback;
            }
            return number;
        }
    }
}
