// Search: the search box (typed queries run after a short pause; Enter opens the active or
// first hit), the results with their snippets, and the filter bar with each value's count of
// hits (facets). Emptying the box goes back to the list (init's onClear).

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, fill, option, select, showError, kindLabel, cycleLabel, langLabel } from './dom.js';
import { KINDS, LANGS, MODE, NONE, facetCounts, searchFilter, moveIndex, cyclesNewestFirst, sessionsNewestFirst } from './model.js';
import { safeSnippet, snippetTerms } from './text.js';
import { state, setQuery, setFilter, setResults, setActive } from './state.js';
import { showMode } from './mode.js';
import { openDocument } from './document.js';
import { renderSidebar } from './sidebar.js';
import { decisionsOnly, runDecisionSearch, renderDecisions, showDocumentResults } from './decisions.js';
import { setSearchHelp, renderSearchHelp, glossaryMark } from './suggest.js';

let searchTimer = 0;
let searchSeq = 0;
let onClear = () => {};

/** Runs the current query with the current filter and shows the results (the latest call wins). */
export async function runSearch() {
  const seq = ++searchSeq;
  const query = state.query;
  if (!query) return;
  if (decisionsOnly()) return runDecisionSearch(query, () => seq === searchSeq);
  try {
    const [result, facets] = await Promise.all([api.search(query, searchFilter(state.filter), 100), api.facets(query)]);
    if (seq !== searchSeq) return;
    setResults(result.hits, facets);
    setSearchHelp(result, query);
    if (state.mode !== MODE.DOC) showMode(MODE.SEARCH);
    renderSidebar();
    renderResults();
  } catch (e) {
    if (seq === searchSeq) showError(e);
  }
}

/** The filter bar: one select per facet, each value with its count; values without hits are disabled. */
function renderFilters() {
  const f = state.facets || { total: 0, cycle: [], session: [], kind: [], lang: [] };
  const counts = {
    cycle: facetCounts(f.cycle),
    session: facetCounts(f.session),
    kind: facetCounts(f.kind),
    lang: facetCounts(f.lang),
  };
  const label = (text, n) => (n == null ? text : `${text} (${n})`);
  const make = (key, title, opts) => {
    const current = state.filter[key];
    const sel = select(
      `filter-${key}`,
      (v) => {
        setFilter(key, v);
        runSearch();
      },
      option('', label(t('filterAll'), f.total), current === ''),
      ...opts.map(([v, text, n]) => option(v, label(text, n ?? 0), current === v, !n && current !== v)),
    );
    return h('label', { class: 'filter' }, h('span', {}, title), sel);
  };
  const cycleOpts = cyclesNewestFirst(state.cycles).map((c) => [String(c.number), cycleLabel(c.number), counts.cycle.get(String(c.number))]);
  const sessionOpts = [
    [NONE, t('noSessionOption'), counts.session.get('')],
    ...sessionsNewestFirst(state.sessions).map((s) => [s.date, s.date, counts.session.get(s.date)]),
  ];
  const kindOpts = KINDS.map((k) => [k, kindLabel(k), counts.kind.get(k)]);
  const langOpts = LANGS.map((l) => [l, langLabel(l), counts.lang.get(l)]);
  fill(
    $('filters'),
    make('cycle', t('filterCycle'), cycleOpts),
    make('session', t('filterSession'), sessionOpts),
    make('kind', t('filterKind'), kindOpts),
    make('lang', t('filterLang'), langOpts),
  );
}

function resultItem(hit, i) {
  const meta = [
    h('span', { class: `badge kind-${hit.kind}` }, kindLabel(hit.kind)),
    h('span', {}, cycleLabel(hit.cycle)),
    hit.session ? h('span', {}, hit.session) : null,
    h('span', { class: 'page-no' }, t('page', { n: hit.page })),
    hit.other_pages?.length ? h('span', { class: 'muted' }, t('otherPages', { pages: hit.other_pages.slice(0, 6).join(', ') })) : null,
    h('span', { class: 'muted' }, hit.lang.toUpperCase()),
    glossaryMark(hit),
  ];
  return h(
    'li',
    { class: `result ${i === state.active ? 'active' : ''}`, dataset: { index: i, id: hit.id, page: hit.page }, onclick: () => openHit(i) },
    h('div', { class: 'r-title' }, h('a', { href: '#', onclick: (e) => e.preventDefault() }, hit.title)),
    h('div', { class: 'r-meta' }, ...meta),
    h('div', { class: 'snippet', html: safeSnippet(hit.snippet) }),
  );
}

export function renderResults() {
  if (decisionsOnly()) return renderDecisions();
  showDocumentResults();
  renderFilters();
  $('results-title').textContent = t('results', { n: state.hits.length });
  $('results').replaceChildren(...state.hits.map(resultItem));
  $('results-empty').hidden = state.hits.length > 0;
  $('results-empty').textContent = t('noResults');
  renderSearchHelp(pickSuggestion);
}

/** Runs the suggested spelling as if typed. */
function pickSuggestion(query) {
  $('search').value = query;
  setQuery(query);
  setActive(-1);
  runSearch();
}

/** Moves the active result by `delta` (arrow keys). */
export function moveActive(delta) {
  const n = state.hits.length;
  if (!n) return;
  setActive(moveIndex(state.active, delta, n));
  for (const li of $('results').children) li.classList.toggle('active', Number(li.dataset.index) === state.active);
  $('results').children[state.active]?.scrollIntoView({ block: 'nearest' });
}

/** Opens hit `i` at its page, with the query's and the snippet's words marked. */
export function openHit(i) {
  const hit = state.hits[i];
  if (!hit) return;
  setActive(i);
  openDocument(hit.id, { page: hit.page, query: state.query, words: snippetTerms(hit.snippet) });
}

/** Empties the search box and forgets the query. */
export function clearQuery() {
  $('search').value = '';
  setQuery('');
}

/** onClear(): the box was emptied, the list should show again. */
export function initSearch(hooks) {
  onClear = hooks.onClear;
  const box = $('search');
  box.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      setQuery(box.value.trim());
      setActive(-1);
      if (!state.query) onClear();
      else runSearch();
    }, 200);
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (state.mode !== MODE.SEARCH || !state.hits.length) return;
      e.preventDefault();
      moveActive(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(searchTimer);
      const q = box.value.trim();
      if (q !== state.query || state.mode !== MODE.SEARCH) {
        setQuery(q);
        if (q) runSearch().then(() => openHit(Math.max(0, state.active)));
      } else if (state.hits.length) {
        openHit(Math.max(0, state.active));
      }
    }
  });
}
