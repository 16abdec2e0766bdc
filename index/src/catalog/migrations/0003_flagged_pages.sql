-- 3: the pages that need OCR, kept on the document's row ("2,5"): every listing and
-- every search hit read them through a subquery over the document's page rows (a
-- 10,000-document list: 268 ms with it, 72 ms without; BENCHMARKS.md).
ALTER TABLE documents ADD COLUMN flagged TEXT NOT NULL DEFAULT '';
UPDATE documents SET flagged = coalesce((SELECT group_concat(page) FROM
    (SELECT page FROM pages WHERE doc_id = documents.id
        AND status IN ('no-text-layer', 'unreadable-text') ORDER BY page)), '');
