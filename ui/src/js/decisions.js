// Search narrowed to decisions (issue 15): the "Tikai lēmumi / Decisions only" switch of the
// search view. With it on, the query runs over the meetings' decisions (the `decisions`
// command: every word, diacritics and endings optional) instead of the documents, and each
// decision is listed with its meeting's date, agenda item, document and page; a click opens
// the document at that page with the query's words marked.

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, showError } from './dom.js';
import { MODE } from './model.js';
import { state, setResults } from './state.js';
import { showMode } from './mode.js';
import { openDocument } from './document.js';
import { makeMatcher, matchRanges } from './text.js';
import { markPieces } from './records.js';

let found = [];

/** Whether the search is narrowed to decisions. */
export const decisionsOnly = () => $('search-decisions')?.checked === true;

/** onToggle(): the switch changed (run the query again). */
export function initDecisions(hooks) {
  $('search-decisions').addEventListener('change', () => hooks.onToggle());
}

/** Runs `query` over the decisions; `current()` says whether this run is still the latest. */
export async function runDecisionSearch(query, current = () => true) {
  try {
    const list = await api.decisions(query, null);
    if (!current()) return;
    found = list;
    // The documents' hits are not shown: Enter and the arrow keys have nothing stale to open.
    setResults([], null);
    if (state.mode !== MODE.DOC) showMode(MODE.SEARCH);
    renderDecisions();
  } catch (e) {
    if (current()) showError(e);
  }
}

/** Shows the document results' parts again (the switch is off). */
export function showDocumentResults() {
  $('filters').hidden = false;
  $('results').hidden = false;
  $('decision-results').hidden = true;
}

export function renderDecisions() {
  $('filters').hidden = true;
  $('results').hidden = true;
  $('decision-results').hidden = false;
  $('results-title').textContent = t('decisionResults', { n: found.length });
  $('results-empty').hidden = found.length > 0;
  $('results-empty').textContent = t('noDecisions');
  $('decision-results').replaceChildren(...found.map(decisionHit));
}

/** The decision's words that the query matched, in bold (as the documents' snippets). */
function marked(text, query) {
  return markPieces(text, matchRanges(text, makeMatcher(query))).map((p) => (p.hit ? h('b', {}, p.text) : p.text));
}

function decisionHit(d) {
  const open = () => openDocument(d.doc.doc_id, { page: d.page, query: state.query });
  const item = d.item ? `${t('agendaItem', { n: d.item })}${d.item_title ? `: ${d.item_title}` : ''}` : '';
  return h(
    'li',
    { class: 'result decision-hit', dataset: { doc: d.doc.doc_id, page: d.page, number: d.number || '' }, tabindex: '0', onclick: open, onkeydown: (e) => e.key === 'Enter' && open() },
    h('div', { class: 'r-title' }, h('span', { class: 'd-date' }, d.doc.date || ''), item ? h('span', { class: 'd-item' }, ` · ${item}`) : null),
    h('div', { class: 'd-text' }, d.number ? h('span', { class: 'dnum' }, d.number) : null, ...marked(d.text, state.query)),
    h('div', { class: 'r-meta' }, h('span', {}, d.doc.file_name), h('span', { class: 'page-no' }, t('page', { n: d.page }))),
  );
}
