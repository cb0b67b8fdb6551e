-- Issue 11 #6: a rotated-in key is published at once and signs only from activates_at on, once every verifier's
-- cached JWKS holds it. Keys that exist already sign now.
ALTER TABLE signing_keys ADD COLUMN activates_at TIMESTAMP WITH TIME ZONE;
UPDATE signing_keys SET activates_at = created_at;
ALTER TABLE signing_keys ALTER COLUMN activates_at SET NOT NULL;
