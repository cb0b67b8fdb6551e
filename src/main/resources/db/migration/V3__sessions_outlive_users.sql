-- A deleted user's sessions stay, revoked, until the purge drops them: a node that starts while that user's access
-- tokens may still be live must load those sessions as revoked (RevocationStartup). So no cascade from users.
ALTER TABLE sessions DROP CONSTRAINT sessions_user_fk;
