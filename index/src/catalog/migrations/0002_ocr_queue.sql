-- 2: the OCR queue lives on the pages it concerns. `ocr` is NULL (not needed), `queued`,
-- `done` or `failed`; a recognised page's status becomes `ocr` and its text the OCR text.
-- Word boxes are kept apart, so that page texts stay small to read.
ALTER TABLE pages ADD COLUMN ocr TEXT;
ALTER TABLE pages ADD COLUMN ocr_confidence REAL;
ALTER TABLE pages ADD COLUMN ocr_error TEXT;
UPDATE pages SET ocr = 'queued' WHERE status IN ('no-text-layer', 'unreadable-text');
CREATE INDEX pages_ocr ON pages(ocr) WHERE ocr IS NOT NULL;
CREATE TABLE page_words (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    engine TEXT NOT NULL,
    words TEXT NOT NULL,
    PRIMARY KEY (doc_id, page)
) WITHOUT ROWID;
