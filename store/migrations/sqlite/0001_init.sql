-- The shared record, SQLite dialect. Timestamps are fixed-width UTC text
-- (2026-12-02T10:31:00.000000Z) in both dialects: they sort as text, compare
-- equal across backends and hash the same in the log. Amounts are TEXT here
-- (exact decimals; SQLite's NUMERIC affinity would turn them into floats).

CREATE TABLE regions (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    level     INTEGER NOT NULL,
    parent    TEXT REFERENCES regions(code),
    full_name TEXT NOT NULL,
    path      TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent);
CREATE INDEX regions_full_name ON regions(full_name);

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('central', 'department', 'unit')),
    region     TEXT NOT NULL REFERENCES regions(code),
    parent_id  INTEGER REFERENCES organisations(id),
    created_at TEXT NOT NULL
);
CREATE INDEX organisations_parent ON organisations(parent_id);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    disabled            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id  INTEGER NOT NULL REFERENCES organisations(id),
    role    TEXT NOT NULL CHECK (role IN ('filler', 'reviewer', 'viewer', 'admin')),
    PRIMARY KEY (user_id, org_id, role)
);

CREATE TABLE programs (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs(id),
    year           INTEGER NOT NULL,
    issuer_id      INTEGER NOT NULL REFERENCES organisations(id),
    deadline       TEXT NOT NULL,
    first_deadline TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (program_id, year, issuer_id)
);

CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    org_id  INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (task_id, org_id)
);
CREATE INDEX task_units_org ON task_units(org_id);

-- A form's current row: who, where, status, version and the summary a
-- listing shows. Its document is the current version's row of
-- form_revisions (stored once; the row stays small, so listings read few pages).
CREATE TABLE forms (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs(id),
    year         INTEGER NOT NULL,
    org_id       INTEGER NOT NULL REFERENCES organisations(id),
    region       TEXT NOT NULL REFERENCES regions(code),
    region_path  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('unit', 'region')),
    status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'resubmitted', 'approved')),
    version      INTEGER NOT NULL,
    task_id      INTEGER REFERENCES tasks(id),
    hash         TEXT NOT NULL,
    errors       INTEGER NOT NULL,
    warnings     INTEGER NOT NULL,
    budget       TEXT,
    executed     TEXT,
    rate         TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    submitted_at TEXT,
    UNIQUE (program_id, year, org_id, kind)
);
CREATE INDEX forms_region_path ON forms(program_id, year, region_path);
CREATE INDEX forms_org ON forms(org_id);

CREATE TABLE form_revisions (
    form_id     INTEGER NOT NULL REFERENCES forms(id),
    version     INTEGER NOT NULL,
    document    TEXT NOT NULL,
    hash        TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    source_hash TEXT NOT NULL DEFAULT '',
    saved_by    TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (form_id, version)
);
CREATE INDEX form_revisions_source ON form_revisions(source_hash);

-- The judged indicator rows of each form's current version, for queries
-- (status by category, completion); the texts as written (target, actual,
-- reason) are in the document, and are not stored twice.
CREATE TABLE form_indicators (
    form_id    INTEGER NOT NULL REFERENCES forms(id),
    idx        INTEGER NOT NULL,
    level1     TEXT NOT NULL,
    level2     TEXT NOT NULL,
    name       TEXT NOT NULL,
    status     TEXT NOT NULL,
    completion TEXT,
    comparator TEXT NOT NULL,
    PRIMARY KEY (form_id, idx)
);

CREATE TABLE form_findings (
    form_id  INTEGER NOT NULL REFERENCES forms(id),
    seq      INTEGER NOT NULL,
    rule     TEXT NOT NULL,
    severity TEXT NOT NULL,
    at       TEXT NOT NULL,
    message  TEXT NOT NULL,
    PRIMARY KEY (form_id, seq)
);

-- The member revisions a region form was rolled up from.
CREATE TABLE rollup_members (
    form_id        INTEGER NOT NULL REFERENCES forms(id),
    version        INTEGER NOT NULL,
    member_id      INTEGER NOT NULL REFERENCES forms(id),
    member_version INTEGER NOT NULL,
    PRIMARY KEY (form_id, version, member_id)
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    form_id    INTEGER NOT NULL REFERENCES forms(id),
    version    INTEGER NOT NULL,
    author_id  INTEGER REFERENCES users(id),
    author     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('comment', 'return', 'approve')),
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_form ON comments(form_id);

-- The tamper-evident log: each entry's hash covers its fields and the hash
-- of the entry before it; log_head holds the last (seq, hash), so deleting
-- the tail shows too, and its row is the lock that orders appends.
CREATE TABLE log_entries (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object      TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    form_id     INTEGER,
    hash_before TEXT NOT NULL,
    hash_after  TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX log_entries_form ON log_entries(form_id);

CREATE TABLE log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO log_head (id, seq, hash) VALUES (1, 0, '');
