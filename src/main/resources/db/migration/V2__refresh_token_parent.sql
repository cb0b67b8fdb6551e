-- The token a refresh token was rotated from: only the immediate predecessor of a session's newest token
-- enjoys the reuse grace (SPEC §4).
ALTER TABLE refresh_tokens ADD COLUMN parent_id VARCHAR(36);
CREATE INDEX sessions_revoked_idx ON sessions (revoked_at);
CREATE INDEX users_revoked_before_idx ON users (revoked_before);
