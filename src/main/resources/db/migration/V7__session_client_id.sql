-- The OAuth 2.0 client (RFC 6749 client_id) a session was started for through POST /oauth2/token; null for sessions
-- started by POST /api/auth/login. A refresh through /oauth2/token must name the same client (RFC 6749 §6).
ALTER TABLE sessions ADD COLUMN client_id VARCHAR(255);
