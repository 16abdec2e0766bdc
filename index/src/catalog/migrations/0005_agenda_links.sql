-- 5: a presentation or annex of a meeting's day linked to the agenda item its title names
-- (issue 15). One row per linked document: the meeting's document (its protocol) and the
-- item's number, the rule that linked it and its source ('rule', or 'user' once corrected).
CREATE TABLE agenda_links (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    meeting_doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item INTEGER NOT NULL,
    rule TEXT NOT NULL, source TEXT NOT NULL DEFAULT 'rule'
);
CREATE INDEX agenda_links_meeting ON agenda_links(meeting_doc_id);
-- Archives from before this version link their meetings' documents once, when next opened
-- for writing (Archive::backfill_records).
INSERT OR REPLACE INTO settings (key, value) VALUES ('agenda_links_pending', '1');
