-- 1: the first schema.
CREATE TABLE cycles (
    number INTEGER PRIMARY KEY,
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    cycle INTEGER NOT NULL REFERENCES cycles(number),
    date TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (cycle, date)
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    cycle INTEGER REFERENCES cycles(number),
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    lang TEXT NOT NULL,
    doc_date TEXT,
    status TEXT NOT NULL,
    added_at TEXT NOT NULL,
    trashed_at TEXT,
    src_title TEXT NOT NULL, src_kind TEXT NOT NULL, src_cycle TEXT NOT NULL,
    src_session TEXT NOT NULL, src_lang TEXT NOT NULL, src_date TEXT NOT NULL,
    corrected TEXT NOT NULL DEFAULT '',
    unknown_session_date TEXT,
    producer TEXT,
    indexed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_cycle ON documents(cycle);
CREATE INDEX documents_session ON documents(session_id);
CREATE INDEX documents_unindexed ON documents(indexed) WHERE indexed = 0;
CREATE TABLE pages (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    status TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, page)
) WITHOUT ROWID;
-- Files being stored by an ingest that has not committed yet: if the process dies, the
-- next open removes exactly these files, and nothing else.
CREATE TABLE pending (
    sha256 TEXT PRIMARY KEY,
    started_at TEXT NOT NULL
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
