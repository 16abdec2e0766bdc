// The one door to the Rust shell: every Tauri command, event, channel and native dialog the
// front end uses, as named functions. Nothing else touches window.__TAURI__, so the contract
// with the shell (command names, argument names, JSON shapes) reads in one place. The shell
// is built with `withGlobalTauri`, hence the global rather than an npm import.

const TAURI = window.__TAURI__;
const invoke = (cmd, args) => TAURI.core.invoke(cmd, args);

/** A channel whose messages go to `onMessage`, for commands that report progress. */
function channel(onMessage) {
  const ch = new TAURI.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

// ---------- archive and status ----------

/** The app's state at start: { archiveDir, error?, samples, index, exportDir?, version, readOnly? }. */
export const appStatus = () => invoke('app_status');

/** Plan cycles: [{ number, start_year, end_year, title, documents }]. */
export const listCycles = () => invoke('list_cycles');

/** Council sessions of every cycle: [{ id, cycle, date, title, documents }]. */
export const listSessions = () => invoke('list_sessions', { cycle: null });

/** Every document not in the trash (summaries, unsorted). */
export const listDocuments = () => invoke('list_documents', { filter: null });

/** The documents in the trash (summaries, unsorted). */
export const listTrash = () => invoke('list_trash');

/** One document in full: metadata, sources, corrected fields, OCR pages. */
export const getDocument = (id) => invoke('get_document', { id });

/** The recognised words of an OCR'd page: [{ text, bbox: [l, t, r, b] as page fractions }]. */
export const pageWords = (id, page) => invoke('page_words', { id, page });

/** Opens the original PDF in the system's viewer. */
export const openOriginal = (id) => invoke('open_original', { id });

/** A citation of document `id` at `page` as text; `format` is text, bibtex, ris or csl-json. */
export const citeDocument = (id, page, format) => invoke('cite_document', { id, page, format });

// ---------- editing ----------

/** Sets fields of documents; `patch` holds only what changes ({ title, kind, cycle, session, lang, date }). */
export const setDocuments = (ids, patch) => invoke('set_documents', { ids, patch });

/** Moves documents to the trash. */
export const trashDocuments = (ids) => invoke('trash_documents', { ids });

/** Takes documents back out of the trash. */
export const restoreDocuments = (ids) => invoke('restore_documents', { ids });

/** Deletes every document in the trash for good. */
export const emptyTrash = () => invoke('empty_trash');

/** Adds or changes a plan cycle. */
export const saveCycle = ({ number, startYear, endYear, title }) => invoke('save_cycle', { number, startYear, endYear, title });

/** Deletes a plan cycle (its documents keep their files, without a cycle). */
export const deleteCycle = (number) => invoke('delete_cycle', { number });

/** Adds a council session to a cycle. */
export const addSession = ({ cycle, date, title }) => invoke('add_session', { cycle, date, title });

/** Renames a council session. */
export const renameSession = (id, title) => invoke('rename_session', { id, title });

/** Deletes a council session. */
export const deleteSession = (id) => invoke('delete_session', { id });

// ---------- search ----------

/**
 * A search: { hits, suggestion, expanded }. hits, best first: [{ id, title, kind, cycle,
 * session, lang, page, other_pages, snippet, via_glossary }] (via_glossary 'en'/'lv' when found
 * only through the glossary); suggestion: a corrected query when little was found, or null;
 * expanded: what the glossary also searched, [{ lang, query, terms: [{ typed, translations }] }].
 */
export const search = (query, filter, limit = 100) => invoke('search', { query, filter, limit });

/** Counts of the query's hits per cycle, session, kind and language, for the filter bar. */
export const facets = (query) => invoke('facets', { query });

// ---------- meetings, decisions, commitments ----------

/** The meeting held on `date` ('YYYY-MM-DD'): { date, kind, place, chair, secretary, documents, attendees, agenda, decisions }, or null. */
export const meeting = (date) => invoke('meeting', { date });

/** Decisions with every word of `query` (diacritics optional), of `cycle` or all: [{ doc, item, item_title, number, text, page }]. */
export const decisions = (query, cycle = null) => invoke('decisions', { query, cycle });

/** The commitments of `cycle` (or all): [{ id, cycle, number, title, institution, plan, page, completion, mentions, continues, continued_by }]. */
export const commitments = (cycle) => invoke('commitments', { cycle });

/** Commitment `id` ('4.3') and its thread: { commitment, thread: [{ step, commitment, date, doc, page, text }] }. */
export const commitment = (id) => invoke('commitment', { id });

/** People listed in meetings (narrowed by `query`): [{ person, organisations, meetings }]. */
export const people = (query = null) => invoke('people', { query });
/** Documents related to document `id`, most related first: [{ id, title, kind, cycle, session, lang, pages, score }]. */
export const similarDocuments = (id, limit) => invoke('similar_documents', { id, limit });

// ---------- long jobs ----------

/**
 * Ingests files and folders. `onEvent` gets { type: 'progress', done, total, current } and
 * { type: 'outcome', outcome } as each file is done; resolves to every outcome.
 */
export const ingest = (paths, onEvent) => invoke('ingest', { paths, onEvent: channel(onEvent) });

/**
 * Exports a cycle to a zip at `path`, as a BagIt bag (`format` 'bagit', the default) or the
 * plain zip ('plain'); `onProgress` gets { done, total, current }. Resolves to { files, path }.
 */
export const exportCycle = (cycle, path, format, onProgress) => invoke('export_cycle', { cycle, path, format, onProgress: channel(onProgress) });

/** Starts the background OCR job on the queued pages (of `ids`, or all); resolves to its status. */
export const startOcrJob = (ids = null) => invoke('start_ocr_job', { ids });

/** The OCR job's status: { queued, recognised, failed, running, runDone, runTotal, current, lastDoc, engine, unavailable?, error? }. */
export const ocrStatus = () => invoke('ocr_status');

// ---------- events from the shell ----------

/** Calls `fn(payload)` on each `samples` event (the first run's sample load). */
export const onSamples = (fn) => TAURI.event.listen('samples', (ev) => fn(ev.payload));

/** Calls `fn(payload)` on each `index` event (a background rebuild of the search index). */
export const onIndex = (fn) => TAURI.event.listen('index', (ev) => fn(ev.payload));

/** Calls `fn(status)` on each `ocr` event (the OCR job's status, as `ocrStatus`). */
export const onOcr = (fn) => TAURI.event.listen('ocr', (ev) => fn(ev.payload));

/** Calls `fn(payload)` on the window's file drag-and-drop: { type: enter|over|leave|drop, paths }. */
export const onDragDrop = (fn) => TAURI.webview.getCurrentWebview().onDragDropEvent((event) => fn(event.payload));

// ---------- native dialogs ----------

/** Asks for PDF files (several); resolves to their paths, or [] when cancelled. */
export const pickFiles = () =>
  TAURI.dialog.open({ multiple: true, directory: false, filters: [{ name: 'PDF', extensions: ['pdf', 'PDF'] }] }).then(asList);

/** Asks for folders (several); resolves to their paths, or [] when cancelled. */
export const pickFolders = () => TAURI.dialog.open({ multiple: true, directory: true }).then(asList);

/** Asks where to save a zip, proposing `defaultPath`; resolves to the path, or null. */
export const pickZipTarget = (defaultPath) => TAURI.dialog.save({ defaultPath, filters: [{ name: 'Zip', extensions: ['zip'] }] });

function asList(picked) {
  if (!picked) return [];
  return Array.isArray(picked) ? picked : [picked];
}
