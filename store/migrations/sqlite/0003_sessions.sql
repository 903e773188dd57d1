-- Web sessions and login throttling (issue 11), in the database so that
-- several application servers share them.

-- A session is found by the SHA-256 (hex) of the random token in the user's
-- cookie: the table alone lets nobody sign in. A session ends at expires_at
-- (absolute), after the idle time since last_seen_at, when its user is
-- disabled, or when the password changed after created_at.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    address      TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Failed logins per account ("account:<name>") and per address
-- ("address:<ip>") in the current window, and until when the key is locked.
CREATE TABLE login_throttle (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start TEXT NOT NULL,
    locked_until TEXT NOT NULL
);
