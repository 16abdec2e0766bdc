// Pure view-model helpers (no DOM): the names of the values the Rust shell sends (outcomes,
// statuses, views, modes), the sidebar tree with counts, the document list for a sidebar view,
// sorting, the search filter, multi-selection with click / Ctrl-click / Shift-click, and what
// the OCR panel says. Tested with `node --test tests/`.

// The values below are the serde names on the Rust side; code compares against these names,
// never against string literals, so a renamed value is one edit here.

export const KINDS = ['plan', 'protocol', 'presentation', 'evaluation', 'declaration', 'survey', 'other'];
export const LANGS = ['lv', 'en'];

/** What became of one ingested file (`IngestOutcome.outcome`). */
export const OUTCOME = Object.freeze({ ADDED: 'added', DUPLICATE: 'duplicate', FAILED: 'failed' });

/** A document's text status (`status`): readable, scanned pages, unreadable text, recognised. */
export const DOC_STATUS = Object.freeze({
  OK: 'ok',
  NO_TEXT_LAYER: 'no-text-layer',
  UNREADABLE_TEXT: 'unreadable-text',
  OCR: 'ocr',
});

/** One page's place in the OCR queue (`ocr_pages[].state`). */
export const OCR_PAGE = Object.freeze({ DONE: 'done', QUEUED: 'queued', FAILED: 'failed' });

/** Where a field's value came from (`sources`); USER when the user corrected it. */
export const SOURCE = Object.freeze({ USER: 'user' });

/** The sidebar views (`view.type`). */
export const VIEW = Object.freeze({
  ALL: 'all',
  CYCLE: 'cycle',
  SESSION: 'session',
  NOSESSION: 'nosession',
  NOCYCLE: 'nocycle',
  KIND: 'kind',
  TRASH: 'trash',
});

/** What the main area shows. */
export const MODE = Object.freeze({ LIST: 'list', SEARCH: 'search', DOC: 'doc', MEETING: 'meeting', COMMITMENTS: 'commitments' });

/** The messages of the ingest channel (`type`). */
export const INGEST_EVENT = Object.freeze({ PROGRESS: 'progress', OUTCOME: 'outcome' });

/** What the OCR panel shows (`data-state` on #ocr-panel). */
export const OCR_PANEL = Object.freeze({ NONE: 'none', IDLE: 'idle', RUNNING: 'running', MISSING: 'missing' });

/** The task panel's state (`data-state` on #task-panel) and the background job it reports (`data-kind`). */
export const TASK_STATE = Object.freeze({ RUNNING: 'running', DONE: 'done', FAILED: 'failed' });
export const TASK_JOB = Object.freeze({ SAMPLES: 'samples', INDEX: 'index' });

/** The webview's drag-and-drop events (`payload.type`, Tauri's names). */
export const DRAG = Object.freeze({ ENTER: 'enter', OVER: 'over', LEAVE: 'leave', DROP: 'drop' });

/** The option value that means "no session" (filter bar, bulk bar) or "no cycle" (bulk bar). */
export const NONE = 'none';

/** The distro packages the OCR panel names when tesseract is missing. */
const OCR_INSTALL_HINT = 'sudo apt install tesseract-ocr tesseract-ocr-lav';

/**
 * The sidebar: cycles newest first, each with its sessions (newest first) and the count of
 * its documents without a session; documents with no cycle; counts per kind; the trash.
 */
export function buildSidebar({ cycles = [], sessions = [], docs = [], trash = [] }) {
  const byCycle = new Map();
  const bySession = new Map();
  const byKind = new Map();
  let noCycle = 0;
  for (const d of docs) {
    if (d.cycle == null) noCycle += 1;
    else byCycle.set(d.cycle, (byCycle.get(d.cycle) || 0) + 1);
    if (d.session) bySession.set(d.session, (bySession.get(d.session) || 0) + 1);
    byKind.set(d.kind, (byKind.get(d.kind) || 0) + 1);
  }
  const withoutSession = new Map();
  for (const d of docs) {
    if (d.cycle != null && !d.session) withoutSession.set(d.cycle, (withoutSession.get(d.cycle) || 0) + 1);
  }
  const out = {
    total: docs.length,
    cycles: [...cycles]
      .sort((a, b) => b.start_year - a.start_year || b.number - a.number)
      .map((c) => ({
        number: c.number,
        start_year: c.start_year,
        end_year: c.end_year,
        title: c.title,
        count: byCycle.get(c.number) || 0,
        withoutSession: withoutSession.get(c.number) || 0,
        sessions: sessionsNewestFirst(sessions.filter((s) => s.cycle === c.number)).map((s) => ({ id: s.id, date: s.date, title: s.title, count: bySession.get(s.date) || 0 })),
      })),
    noCycle,
    kinds: KINDS.map((k) => ({ kind: k, count: byKind.get(k) || 0 })),
    trash: trash.length,
  };
  return out;
}

/** The documents a sidebar view shows. Views: all, cycle, session, nosession, nocycle, kind, trash. */
export function docsForView(view, docs, trash) {
  switch (view.type) {
    case VIEW.TRASH:
      return trash;
    case VIEW.CYCLE:
      return docs.filter((d) => d.cycle === view.cycle);
    case VIEW.SESSION:
      return docs.filter((d) => d.session === view.date);
    case VIEW.NOSESSION:
      return docs.filter((d) => d.cycle === view.cycle && !d.session);
    case VIEW.NOCYCLE:
      return docs.filter((d) => d.cycle == null);
    case VIEW.KIND:
      return docs.filter((d) => d.kind === view.kind);
    default:
      return docs;
  }
}

/** A stable key for a view (for highlighting the current sidebar entry). */
export function viewKey(view) {
  switch (view.type) {
    case VIEW.CYCLE:
    case VIEW.NOSESSION:
      return `${view.type}:${view.cycle}`;
    case VIEW.SESSION:
      return `session:${view.date}`;
    case VIEW.KIND:
      return `kind:${view.kind}`;
    default:
      return view.type;
  }
}

/**
 * Next selection after a click on `id` in `ids` (the list order).
 * mode: 'single' (plain click), 'toggle' (Ctrl/Cmd), 'range' (Shift).
 * Returns { selected: Set, anchor }.
 */
export function clickSelect(ids, selected, anchor, id, mode) {
  if (mode === 'toggle') {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next, anchor: id };
  }
  if (mode === 'range' && anchor != null && ids.includes(anchor)) {
    const a = ids.indexOf(anchor);
    const b = ids.indexOf(id);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return { selected: new Set(ids.slice(lo, hi + 1)), anchor };
  }
  return { selected: new Set([id]), anchor: id };
}

/** Facet pairs [[value, count], …] as a Map from the value's string form to its count. */
export function facetCounts(pairs) {
  const m = new Map();
  for (const [v, n] of pairs || []) m.set(v == null ? '' : String(v), n);
  return m;
}

/** Sessions newest first (a new array). */
export function sessionsNewestFirst(sessions) {
  return [...sessions].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** Cycles by number, highest first (a new array). */
export function cyclesNewestFirst(cycles) {
  return [...cycles].sort((a, b) => b.number - a.number);
}

/**
 * Sorts documents in place the way the list shows them: newest session (or, without one, date)
 * first, then by title in `collator`'s order. One collator for the whole sort: localeCompare
 * with a locale builds one per call, which took most of a second for 10,000 documents.
 */
export function sortDocs(docs, collator) {
  const when = (d) => d.session || d.date || '';
  return docs.sort((a, b) => when(b).localeCompare(when(a)) || collator.compare(a.title, b.title));
}

/**
 * The filter the `search` command takes, from the filter bar's values (strings; '' for any,
 * NONE for "without a session").
 */
export function searchFilter({ cycle = '', session = '', kind = '', lang = '' }) {
  const out = {};
  if (cycle) out.cycle = Number(cycle);
  if (session === NONE) out.without_session = true;
  else if (session) out.session = session;
  if (kind) out.kind = kind;
  if (lang) out.lang = lang;
  return out;
}

/** How many outcomes of each kind: { added, duplicate, failed }. */
export function countOutcomes(outcomes) {
  const counts = { [OUTCOME.ADDED]: 0, [OUTCOME.DUPLICATE]: 0, [OUTCOME.FAILED]: 0 };
  for (const o of outcomes) counts[o.outcome] = (counts[o.outcome] || 0) + 1;
  return counts;
}

/** The index of the active search result after moving by `delta` among `n` (none active: -1). */
export function moveIndex(active, delta, n) {
  if (!n) return active;
  if (active < 0) return delta > 0 ? 0 : n - 1;
  return Math.min(n - 1, Math.max(0, active + delta));
}

/** The number, start year and end year a new cycle's dialog proposes: after the last one. */
export function newCycleDefaults(cycles) {
  const number = Math.max(0, ...cycles.map((c) => c.number)) + 1;
  const last = cycles.reduce((m, c) => Math.max(m, c.end_year), 2025);
  return { number, start: last + 1, end: last + 4 };
}

/** A document's OCR pages by state: { done, queued, failed }, each in page order as given. */
export function ocrPagesByState(pages = []) {
  const of = (st) => pages.filter((p) => p.state === st);
  return { done: of(OCR_PAGE.DONE), queued: of(OCR_PAGE.QUEUED), failed: of(OCR_PAGE.FAILED) };
}

/**
 * What the OCR panel says about the job's status `v` (`prev`: the status before):
 * { state, key, params, retry, hideLater, error } with `key` an i18n key, or null when the
 * panel is hidden. `error` is set when the text is the job's own error, not a key.
 */
export function ocrPanelView(v, prev) {
  const out = { state: OCR_PANEL.IDLE, key: null, params: {}, retry: false, hideLater: false, error: null };
  if (v.running) {
    return { ...out, state: OCR_PANEL.RUNNING, key: 'ocrRunning', params: { done: v.runDone, total: v.runTotal } };
  }
  if (v.queued > 0 && v.unavailable) {
    return { ...out, state: OCR_PANEL.MISSING, key: 'ocrMissing', params: { n: v.queued, hint: OCR_INSTALL_HINT } };
  }
  if (v.error) return { ...out, state: OCR_PANEL.MISSING, error: v.error };
  if (v.failed > 0) return { ...out, key: 'ocrFailed', params: { n: v.failed }, retry: true };
  if (v.queued > 0) return { ...out, key: 'ocrQueued', params: { n: v.queued } };
  if (prev?.running && v.runDone > 0) return { ...out, key: 'ocrDone', params: { n: v.runDone }, hideLater: true };
  return null;
}
