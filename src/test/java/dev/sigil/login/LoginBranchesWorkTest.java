package dev.sigil.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigil.audit.AuditLog;
import dev.sigil.audit.AuditType;
import dev.sigil.password.Argon2idHasher;
import dev.sigil.password.HashBulkhead;
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
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * Every failing login branch (unknown user, wrong password, disabled user, locked name) runs exactly one password
 * verification against an Argon2id hash of the configured parameters: the same work, so the same time. Verification
 * time depends only on the parameters in the stored hash (BouncyCastle recomputes the whole hash, then compares in
 * constant time), so equal parameters and an equal count are the proof.
 */
class LoginBranchesWorkTest {

    private static final Argon2idHasher HASHER = new Argon2idHasher();
    private static final Argon2idHasher STRONG = new Argon2idHasher(new Argon2idHasher.Argon2Settings(19 * 1024, 3, 1));
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
            "dora", TestUsers.user("dora", HASHER.hash(PASSWORD), false),
            "imported", TestUsers.user("imported", OpenBSDBCrypt.generate(PASSWORD.toCharArray(), new byte[16], 4), true),
            "strong", TestUsers.user("strong", STRONG.hash(PASSWORD), true));
    private Duration lockedFor = Duration.ZERO;
    private final List<AuditType> audited = new ArrayList<>();
    private LoginService login;

    @BeforeEach
    void wire() {
        CredentialCheck credentials = new CredentialCheck();
        credentials.hasher = HASHER;
        credentials.hashes = hashes;
        credentials.bulkhead = HashBulkhead.unbounded();
        credentials.prepareDummyHash();
        login = new LoginService();
        login.credentials = credentials;
        login.users = new UserStore() {
            @Override
            public Optional<User> findByUsername(String username) {
                return Optional.ofNullable(users.get(username));
            }
        };
        login.lockout = new Lockout() {
            @Override
            public Attempt reserve(String key) {
                return new Attempt(key, lockedFor);
            }

            @Override
            public boolean failed(Attempt attempt) {
                return false;
            }

            @Override
            public void released(Attempt attempt) {
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

    /** The parameters of every hash the branch verified against, in order. */
    private List<String> allWorkOf(Class<? extends RuntimeException> failure, String username, String password) {
        hashes.verified.clear();
        assertThrows(failure, () -> login.login(new LoginRequest(username, password), CLIENT));
        return hashes.verified.stream().map(LoginBranchesWorkTest::parameters).toList();
    }

    private static String parameters(String phc) {
        if (phc.startsWith("$2")) {
            return "bcrypt " + phc.substring(4, 6);
        }
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

    @Test
    void aCheapImportedHashIsFollowedByTheDummySoAWrongPasswordCostsAFullArgon2id() {
        String real = parameters(users.get("alice").passwordHash());
        assertEquals(List.of("bcrypt 04", real), allWorkOf(InvalidGrant.class, "imported", "a wrong password"));
        assertEquals(List.of(real), allWorkOf(InvalidGrant.class, "alice", "a wrong password"), "current: no dummy");
        assertEquals(List.of("argon2id v=19 m=19456,t=3,p=1 salt 22 hash 43"),
                allWorkOf(InvalidGrant.class, "strong", "a wrong password"), "stronger than current: no dummy");
        lockedFor = Duration.ofMinutes(5);
        assertEquals(List.of(real), allWorkOf(LockedOut.class, "imported", PASSWORD), "locked: the dummy only");
    }

    @Test
    void whichBranchesRunTheDummyHash() {
        String dummy = HASHER.hash("dummy");
        String current = users.get("alice").passwordHash();
        String bcrypt = users.get("imported").passwordHash();
        String weakArgon2 = new Argon2idHasher(new Argon2idHasher.Argon2Settings(8 * 1024, 1, 1)).hash(PASSWORD);
        String stronger = users.get("strong").passwordHash();
        String pbkdf2 = "$pbkdf2-sha256$1000$c2FsdHNhbHQ$" + "A".repeat(43);
        assertEquals(List.of(dummy), CredentialCheck.work(Optional.empty(), dummy, hashes), "unknown or locked");
        assertEquals(List.of(current), CredentialCheck.work(Optional.of(current), dummy, hashes));
        assertEquals(List.of(stronger), CredentialCheck.work(Optional.of(stronger), dummy, hashes));
        assertEquals(List.of(bcrypt, dummy), CredentialCheck.work(Optional.of(bcrypt), dummy, hashes));
        assertEquals(List.of(weakArgon2, dummy), CredentialCheck.work(Optional.of(weakArgon2), dummy, hashes));
        assertEquals(List.of(pbkdf2, dummy), CredentialCheck.work(Optional.of(pbkdf2), dummy, hashes));
        assertEquals(List.of("garbage", dummy), CredentialCheck.work(Optional.of("garbage"), dummy, hashes));
    }

    @Test
    void theRightPasswordOfALockedNameIsNotJudged() {
        lockedFor = Duration.ofMinutes(5);
        assertThrows(LockedOut.class, () -> login.login(new LoginRequest("alice", PASSWORD), CLIENT));
        assertEquals(List.of(AuditType.LOCKED_OUT), audited);
    }
}
