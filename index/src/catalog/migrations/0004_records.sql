-- 4: meetings and commitments read out of the documents (issue 15). Every row keeps the page
-- and the rule that found it, and its source: 'rule' as extracted, 'user' once corrected.
-- Extracting a document again replaces its 'rule' rows and keeps its 'user' rows (the primary
-- keys decide which row a correction stands for).
CREATE TABLE meetings (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT, place TEXT, kind TEXT, chair TEXT, secretary TEXT,
    source TEXT NOT NULL DEFAULT 'rule'
);
CREATE INDEX meetings_date ON meetings(date);
CREATE TABLE attendees (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person_key TEXT NOT NULL,
    ord INTEGER NOT NULL,
    person TEXT NOT NULL, organisation TEXT, note TEXT, role TEXT NOT NULL,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, person_key)
);
CREATE INDEX attendees_person ON attendees(person_key);
CREATE TABLE agenda_items (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, title TEXT NOT NULL,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, number)
);
-- item 0: outside any agenda item
CREATE TABLE decisions (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item INTEGER NOT NULL, ord INTEGER NOT NULL, number TEXT, text TEXT NOT NULL,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, item, ord)
);
CREATE TABLE actions (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item INTEGER NOT NULL, ord INTEGER NOT NULL,
    who TEXT NOT NULL, what TEXT NOT NULL, deadline TEXT, deadline_text TEXT,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, item, ord)
);
CREATE TABLE votes (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item INTEGER NOT NULL, ord INTEGER NOT NULL, decision TEXT,
    for_count INTEGER NOT NULL, against INTEGER NOT NULL, abstained INTEGER NOT NULL,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, item, ord)
);
CREATE TABLE commitments (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, cycle INTEGER NOT NULL,
    title TEXT NOT NULL, institution TEXT, ogp_id TEXT,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, number)
);
CREATE INDEX commitments_cycle ON commitments(cycle, number);
CREATE TABLE milestones (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL, deadline TEXT,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, number, ord)
);
CREATE TABLE mentions (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL, number INTEGER NOT NULL, page INTEGER NOT NULL,
    rule TEXT NOT NULL, excerpt TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, cycle, number, page, rule)
);
CREATE INDEX mentions_commitment ON mentions(cycle, number);
CREATE TABLE ratings (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL, number INTEGER NOT NULL, scale TEXT NOT NULL, level TEXT NOT NULL,
    page INTEGER NOT NULL, rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule',
    PRIMARY KEY (doc_id, cycle, number, scale)
);
-- Documents catalogued before this version: their records are read once, when the archive
-- is next opened for writing (Archive::backfill_records).
CREATE TABLE records_pending (doc_id INTEGER PRIMARY KEY);
INSERT INTO records_pending SELECT id FROM documents;
