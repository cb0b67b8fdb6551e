-- Attempts of a login name whose password is being checked right now (reserved before the hash, released after it),
-- so that at most SIGIL_LOCKOUT_THRESHOLD attempts, judged or in flight, are admitted however many arrive at once.
-- in_flight_since is the latest reservation: a count older than a minute was left by a crashed node and is void.
ALTER TABLE login_attempts ADD COLUMN in_flight INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE login_attempts ADD COLUMN in_flight_since TIMESTAMP WITH TIME ZONE;
