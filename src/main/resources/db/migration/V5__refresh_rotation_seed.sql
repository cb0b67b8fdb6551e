-- A per-session secret from which each successor refresh token is derived (HMAC-SHA256 of its predecessor), so that
-- within the reuse grace a re-presented predecessor gets the SAME live token while only hashes are stored (SPEC §4).
-- Sessions started before this migration get their seed at their next rotation.
ALTER TABLE sessions ADD COLUMN rotation_seed VARCHAR(64);
