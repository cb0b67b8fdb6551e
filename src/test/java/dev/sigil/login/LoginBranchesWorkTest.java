package dev.sigil.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.PasswordHashes;
import dev.sigil.user.TestUsers;
import dev.sigil.user.User;
import dev.sigil.user.UserStore;
import dev.sigil.web.ClientInfo;
import dev.sigil.web.InvalidGrant;
import dev.sigil.web.LockedOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every failing login branch (unknown user, wrong password, disabled user, locked name) runs exactly one password
 * verification against an Argon2id hash of the configured parameters: the same work, so the same time. Verification
 * time depends only on the parameters in the stored hash (BouncyCastle recomputes the whole hash, then compares in
 * constant time), so equal parameters and an equal count are the proof.
 */
class LoginBranchesWorkTest {

    private static final Argon2idHasher HASHER = new Argon2idHasher();
    private static final String PASSWORD = "correct horse battery staple";
    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.1", "test");

    /** Records which stored hash each verification ran against. */
    private static final class RecordingHashes extends PasswordHashes {
        final List<String> verified = new ArrayList<>();

        RecordingHashes() {
            super(HASHER);
        }

        @Override
        public boolean verify(String password, String storedHash) {
            verified.add(storedHash);
            return super.verify(password, storedHash);
        }
    }

    private final RecordingHashes hashes = new RecordingHashes();
    private final Map<String, User> users = Map.of(
            "alice", TestUsers.user("alice", HASHER.hash(PASSWORD), true),
            "dora", TestUsers.user("dora", HASHER.hash(PASSWORD), false));
    private Duration lockedFor = Duration.ZERO;
    private final List<AuditType> audited = new ArrayList<>();
    private LoginService login;

    @BeforeEach
    void wire() {
        CredentialCheck credentials = new CredentialCheck();
        credentials.hasher = HASHER;
        credentials.hashes = hashes;
        credentials.users = new UserStore() {
            @Override
            public Optional<User> findByUsername(String username) {
                return Optional.ofNullable(users.get(username));
            }
        };
        credentials.prepareDummyHash();
        login = new LoginService();
        login.credentials = credentials;
        login.lockout = new Lockout() {
            @Override
            public Duration lockedFor(String username) {
                return lockedFor;
            }

            @Override
            public boolean recordFailure(String username) {
                return false;
            }
        };
        login.audit = new AuditLog() {
            @Override
            public void record(AuditType type, String username, ClientInfo client, String detail) {
                audited.add(type);
            }
        };
    }

    /** The Argon2 parameters of the one hash the branch verified against. */
    private String workOf(Class<? extends RuntimeException> failure, String username, String password) {
        hashes.verified.clear();
        assertThrows(failure, () -> login.login(new LoginRequest(username, password), CLIENT));
        assertEquals(1, hashes.verified.size(), "exactly one verification");
        return parameters(hashes.verified.get(0));
    }

    private static String parameters(String phc) {
        String[] parts = phc.split("\\$");
        return parts[1] + " " + parts[2] + " " + parts[3] + " salt " + parts[4].length() + " hash " + parts[5].length();
    }

    @Test
    void unknownUserWrongPasswordDisabledAndLockedDoTheSameWork() {
        String real = parameters(users.get("alice").passwordHash());
        assertEquals("argon2id v=19 m=19456,t=2,p=1 salt 22 hash 43", real);

        assertEquals(real, workOf(InvalidGrant.class, "nobody-by-this-name", PASSWORD), "unknown user");
        assertEquals(real, workOf(InvalidGrant.class, "alice", "a wrong password"), "wrong password");
        assertEquals(real, workOf(InvalidGrant.class, "dora", PASSWORD), "disabled user, right password");
        lockedFor = Duration.ofMinutes(5);
        assertEquals(real, workOf(LockedOut.class, "alice", PASSWORD), "locked, right password");
        assertEquals(real, workOf(LockedOut.class, "nobody-by-this-name", "x"), "locked unknown name");
    }

    @Test
    void unknownUserIsCheckedAgainstADummyHashThatNeverMatches() {
        hashes.verified.clear();
        assertThrows(InvalidGrant.class, () -> login.login(new LoginRequest("ghost", PASSWORD), CLIENT));
        assertEquals(false, HASHER.verify(PASSWORD, hashes.verified.get(0)));
        assertEquals(List.of(AuditType.LOGIN_FAILURE), audited);
    }
}
