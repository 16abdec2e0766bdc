// The pure logic the screens use: sorting, the search filter, outcome counts, the OCR panel's
// message, progress and counts as the user reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OUTCOME, OCR_PANEL, sortDocs, searchFilter, countOutcomes, moveIndex, newCycleDefaults,
  ocrPagesByState, ocrPanelView, sessionsNewestFirst, cyclesNewestFirst,
} from '../src/js/model.js';
import { percent, withCurrent, docCountKey, exportPath, isIsoDate, shortTime } from '../src/js/text.js';

test('documents: newest session or date first, then titles in Latvian order', () => {
  const docs = [
    { id: 1, title: 'Zeta', session: '2022-10-05', date: null },
    { id: 2, title: 'Ārējais', session: '2023-03-21', date: null },
    { id: 3, title: 'Bērzs', session: '2023-03-21', date: null },
    { id: 4, title: 'Alfa', session: '2023-03-21', date: null },
    { id: 5, title: 'Bez sēdes', session: null, date: '2024-01-02' },
    { id: 6, title: 'Bez datuma', session: null, date: null },
  ];
  sortDocs(docs, new Intl.Collator('lv'));
  // Ā sorts after A and before B in Latvian (not after Z as in code-point order).
  assert.deepEqual(docs.map((d) => d.id), [5, 4, 2, 3, 1, 6]);
});

test('search filter: empty values are left out, "none" means without a session', () => {
  assert.deepEqual(searchFilter({ cycle: '', session: '', kind: '', lang: '' }), {});
  assert.deepEqual(searchFilter({ cycle: '5', session: '2023-03-21', kind: 'plan', lang: 'en' }), {
    cycle: 5,
    session: '2023-03-21',
    kind: 'plan',
    lang: 'en',
  });
  assert.deepEqual(searchFilter({ cycle: '', session: 'none', kind: '', lang: '' }), { without_session: true });
});

test('outcomes are counted by kind', () => {
  const c = countOutcomes([
    { outcome: OUTCOME.ADDED },
    { outcome: OUTCOME.FAILED },
    { outcome: OUTCOME.ADDED },
    { outcome: OUTCOME.DUPLICATE },
  ]);
  assert.deepEqual(c, { added: 2, duplicate: 1, failed: 1 });
  assert.deepEqual(countOutcomes([]), { added: 0, duplicate: 0, failed: 0 });
});

test('arrow keys move through results and stop at the ends', () => {
  assert.equal(moveIndex(-1, 1, 5), 0);
  assert.equal(moveIndex(-1, -1, 5), 4);
  assert.equal(moveIndex(4, 1, 5), 4);
  assert.equal(moveIndex(0, -1, 5), 0);
  assert.equal(moveIndex(2, 1, 5), 3);
  assert.equal(moveIndex(-1, 1, 0), -1);
});

test('a new cycle follows the last one', () => {
  assert.deepEqual(newCycleDefaults([]), { number: 1, start: 2026, end: 2029 });
  const cycles = [
    { number: 5, end_year: 2025 },
    { number: 6, end_year: 2027 },
  ];
  assert.deepEqual(newCycleDefaults(cycles), { number: 7, start: 2028, end: 2031 });
});

test('sessions and cycles newest first, without touching the input', () => {
  const sessions = [{ date: '2022-10-05' }, { date: '2024-01-01' }, { date: '2023-03-21' }];
  assert.deepEqual(sessionsNewestFirst(sessions).map((s) => s.date), ['2024-01-01', '2023-03-21', '2022-10-05']);
  assert.equal(sessions[0].date, '2022-10-05');
  assert.deepEqual(cyclesNewestFirst([{ number: 4 }, { number: 6 }, { number: 5 }]).map((c) => c.number), [6, 5, 4]);
});

test('OCR pages grouped by state', () => {
  const g = ocrPagesByState([
    { page: 1, state: 'done' },
    { page: 2, state: 'queued' },
    { page: 3, state: 'failed' },
    { page: 4, state: 'done' },
  ]);
  assert.deepEqual(g.done.map((p) => p.page), [1, 4]);
  assert.deepEqual(g.queued.map((p) => p.page), [2]);
  assert.deepEqual(g.failed.map((p) => p.page), [3]);
  assert.deepEqual(ocrPagesByState(undefined).done, []);
});

test('OCR panel: running, missing tesseract, failures, done, nothing to say', () => {
  const idle = { running: false, queued: 0, failed: 0, runDone: 0, runTotal: 0 };
  const running = ocrPanelView({ ...idle, running: true, runDone: 2, runTotal: 5 }, null);
  assert.equal(running.state, OCR_PANEL.RUNNING);
  assert.deepEqual(running.params, { done: 2, total: 5 });
  const missing = ocrPanelView({ ...idle, queued: 3, unavailable: true }, null);
  assert.equal(missing.state, OCR_PANEL.MISSING);
  assert.match(missing.params.hint, /tesseract-ocr-lav/);
  const failed = ocrPanelView({ ...idle, failed: 2 }, null);
  assert.equal(failed.key, 'ocrFailed');
  assert.equal(failed.retry, true);
  assert.equal(ocrPanelView({ ...idle, queued: 4 }, null).key, 'ocrQueued');
  const done = ocrPanelView({ ...idle, runDone: 3 }, { running: true });
  assert.equal(done.key, 'ocrDone');
  assert.equal(done.hideLater, true);
  // After a run that was already reported, or before any: the panel hides.
  assert.equal(ocrPanelView({ ...idle, runDone: 3 }, { running: false }), null);
  assert.equal(ocrPanelView(idle, null), null);
  const err = { lv: 'kļūda', en: 'error' };
  assert.equal(ocrPanelView({ ...idle, error: err }, null).error, err);
});

test('progress width and status text', () => {
  assert.equal(percent(1, 3), '33%');
  assert.equal(percent(3, 3), '100%');
  assert.equal(percent(0, 0), '0%');
  assert.equal(withCurrent('2 / 5', 'a.pdf'), '2 / 5 — a.pdf');
  assert.equal(withCurrent('2 / 5', ''), '2 / 5');
});

test('document counts pick the Latvian singular for 1, 21, 31 but not 11', () => {
  assert.equal(docCountKey(1, 'lv'), 'docCount1');
  assert.equal(docCountKey(21, 'lv'), 'docCount1');
  assert.equal(docCountKey(11, 'lv'), 'docCount');
  assert.equal(docCountKey(0, 'lv'), 'docCount0');
  assert.equal(docCountKey(5, 'lv'), 'docCount');
  assert.equal(docCountKey(1, 'en'), 'docCount1');
  assert.equal(docCountKey(21, 'en'), 'docCount');
  assert.equal(docCountKey(0, 'en'), 'docCount');
});

test('export path, dates and times', () => {
  const c = { number: 5, start_year: 2022, end_year: 2025 };
  assert.equal(exportPath('/tmp/out/', c), '/tmp/out/OGP-5-cikls-2022-2025.zip');
  assert.equal(exportPath('/tmp/out', c), '/tmp/out/OGP-5-cikls-2022-2025.zip');
  assert.ok(isIsoDate('2023-03-21'));
  assert.ok(!isIsoDate('21.03.2023'));
  assert.ok(!isIsoDate('2023-3-21'));
  assert.equal(shortTime('2026-03-01T12:34:56Z'), '2026-03-01 12:34');
  assert.equal(shortTime(null), '');
});
