// What the window shows, in one object that every screen reads and only the setters below
// write, so that a change of state is a named step one can search for. `window.ogpApp.state`
// (the end-to-end tests' view) is this object.

import { MODE, VIEW } from './model.js';

/** How many rows the list draws at a time (10,000 rows took about 4 s to draw). */
export const LIST_PAGE = 300;

const EMPTY_FILTER = () => ({ cycle: '', session: '', kind: '', lang: '' });

export const state = {
  /** `app_status` at start. */
  status: null,
  cycles: [],
  sessions: [],
  /** Documents and trash, sorted as listed (see model.sortDocs). */
  docs: [],
  trash: [],
  /** The sidebar view the list shows: { type: VIEW.*, cycle?, date?, kind? }. */
  view: { type: VIEW.ALL },
  mode: MODE.LIST,
  /** The mode to go back to from a document. */
  prevMode: MODE.LIST,
  /** Selected document ids, the Shift-click anchor and the row with keyboard focus. */
  selected: new Set(),
  anchor: null,
  focusId: null,
  listLimit: LIST_PAGE,
  query: '',
  /** The filter bar's values: '' for any. */
  filter: EMPTY_FILTER(),
  hits: [],
  facets: null,
  /** The search result the arrow keys are on (-1: none). */
  active: -1,
  /** The open document (in full) and how it was opened ({ page, query, words }). */
  doc: null,
  docContext: null,
  /** The PDF viewer, made on the first document opened. */
  viewer: null,
  /** The meeting page or commitments view shown last ('meeting:<date>', 'commitments:<cycle>'). */
  recordsKey: '',
  /** The OCR job's last status. */
  ocr: null,
  /** The data last drawn, as JSON (to skip redrawing what did not change). */
  lastData: '',
};

export function setStatus(status) {
  state.status = status;
}

/**
 * Takes fresh data from the shell, drops selected ids that are gone, and says whether it
 * differs from what was last drawn.
 */
export function setData({ cycles, sessions, docs, trash }) {
  Object.assign(state, { cycles, sessions, docs, trash });
  const live = new Set((state.view.type === VIEW.TRASH ? state.trash : state.docs).map((d) => d.id));
  state.selected = new Set([...state.selected].filter((id) => live.has(id)));
}

/** Whether the data differs from what was last drawn; remembers it as drawn. */
export function dataChanged() {
  const data = JSON.stringify([state.cycles, state.sessions, state.docs, state.trash]);
  const changed = data !== state.lastData;
  state.lastData = data;
  return changed;
}

/** A new sidebar view: first page of the list, nothing selected, no query. */
export function setView(view) {
  state.view = view;
  state.listLimit = LIST_PAGE;
  state.selected = new Set();
  state.anchor = null;
  state.query = '';
}

/** Switches the mode; remembers where a document was opened from. */
export function setMode(mode) {
  if (mode === MODE.DOC && state.mode !== MODE.DOC) state.prevMode = state.mode;
  state.mode = mode;
}

export function showMoreRows() {
  state.listLimit += LIST_PAGE;
}

export function setSelection({ selected, anchor = state.anchor, focusId = state.focusId }) {
  state.selected = selected;
  state.anchor = anchor;
  state.focusId = focusId;
}

export function clearSelection() {
  state.selected = new Set();
}

export function setQuery(query) {
  state.query = query;
}

export function setFilter(key, value) {
  state.filter[key] = value;
  state.active = -1;
}

export function setResults(hits, facets) {
  state.hits = hits;
  state.facets = facets;
  if (state.active >= hits.length) state.active = hits.length - 1;
}

export function setActive(i) {
  state.active = i;
}

export function setDoc(doc) {
  state.doc = doc;
}

export function setDocContext(ctx) {
  state.docContext = ctx;
}

export function setViewer(viewer) {
  state.viewer = viewer;
}

export function setRecordsKey(key) {
  state.recordsKey = key;
}

/** The OCR job's new status; returns the one before. */
export function setOcr(status) {
  const prev = state.ocr;
  state.ocr = status;
  return prev;
}

// ---------- a tiny publish/subscribe ----------
// For the one change many screens follow: fresh data from the archive ('data'). main.js
// subscribes the redraw, so a module that changes the archive only has to call refresh().

const listeners = new Map();

/** Calls `fn()` whenever `topic` is published. */
export function subscribe(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, []);
  listeners.get(topic).push(fn);
}

export function publish(topic) {
  for (const fn of listeners.get(topic) || []) fn();
}
