// OGP Archive front end: sidebar, search, document list, document view, ingest and export.
// Talks to the Rust shell only through window.__TAURI__ (withGlobalTauri): invoke, Channel,
// events, the dialog plugin and the webview's drag-and-drop events.

import { t, lang, setLang, translateDom } from './i18n.js';
import { buildSidebar, docsForView, viewKey, clickSelect, facetCounts, KINDS } from './model.js';
import { safeSnippet, makeMatcher, snippetTerms, formatSize, exportFileName, pickLang } from './text.js';

const TAURI = window.__TAURI__;
const invoke = (cmd, args) => TAURI.core.invoke(cmd, args);
const $ = (id) => document.getElementById(id);

const LIST_PAGE = 300;
const titleOrder = new Intl.Collator('lv');

const state = {
  status: null,
  cycles: [],
  sessions: [],
  docs: [],
  trash: [],
  view: { type: 'all' },
  mode: 'list', // list | search | doc
  selected: new Set(),
  anchor: null,
  focusId: null,
  query: '',
  filter: { cycle: '', session: '', kind: '', lang: '' },
  hits: [],
  facets: null,
  active: -1,
  doc: null,
  docContext: null,
  prevMode: 'list',
  busy: false,
  ocr: null,
  listLimit: LIST_PAGE,
  lastData: '',
};

// ---------- small DOM helpers ----------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'html') el.innerHTML = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces an element's children, skipping null/false entries (replaceChildren would print "null"). */
function fill(el, ...kids) {
  el.replaceChildren(...kids.flat().filter((k) => k != null && k !== false));
}

function option(value, label, selected = false, disabled = false) {
  const o = h('option', { value }, label);
  o.selected = selected;
  o.disabled = disabled;
  return o;
}

function errorText(e) {
  if (e && typeof e === 'object' && ('lv' in e || 'en' in e)) return lang() === 'en' ? e.en : e.lv;
  if (e && typeof e === 'object' && 'message' in e) return pickLang(e.message, lang());
  return pickLang(String(e), lang());
}

function toast(text, kind = 'info', ms = 5000) {
  const el = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  $('toasts').append(el);
  setTimeout(() => el.remove(), ms);
}

function showError(e) {
  console.error(e);
  toast(`${t('error')}: ${errorText(e)}`, 'error', 9000);
}

const kindLabel = (k) => t(`kind_${k}`);
const cycleLabel = (n) => (n == null ? '—' : t('cycleLabel', { n }));
const langLabel = (l) => t(`lang_${l}`);
// Latvian uses the singular for 1, 21, 31, … (not 11); English only for 1.
function docCount(n) {
  if (lang() === 'lv') {
    if (n % 10 === 1 && n % 100 !== 11) return t('docCount1', { n });
    if (n === 0) return t('docCount0', { n });
  } else if (n === 1) return t('docCount1', { n });
  return t('docCount', { n });
}

// ---------- data ----------

// What the sidebar and the list show, all at once.
function fetchData() {
  return Promise.all([
    invoke('list_cycles'),
    invoke('list_sessions', { cycle: null }),
    invoke('list_documents', { filter: null }),
    invoke('list_trash'),
  ]);
}

// `pending`: a fetchData() already under way.
async function refresh({ onlyIfChanged = false, pending = null } = {}) {
  try {
    const [cycles, sessions, docs, trash] = await (pending || fetchData());
    // Sorted once here, not on every render: newest session (or date) first, then by title
    // in Latvian order. One collator: localeCompare with a locale builds one per call, which
    // took most of a second for 10,000 documents.
    const byDateThenTitle = (a, b) =>
      (b.session || b.date || '').localeCompare(a.session || a.date || '') || titleOrder.compare(a.title, b.title);
    docs.sort(byDateThenTitle);
    trash.sort(byDateThenTitle);
    performance.mark('ogp-data');
    Object.assign(state, { cycles, sessions, docs, trash });
  } catch (e) {
    showError(e);
  }
  const live = new Set((state.view.type === 'trash' ? state.trash : state.docs).map((d) => d.id));
  state.selected = new Set([...state.selected].filter((id) => live.has(id)));
  // Re-render only what changed: a background job (OCR) refreshes often, and a list rebuilt
  // under the pointer would swallow a click.
  const data = JSON.stringify([state.cycles, state.sessions, state.docs, state.trash]);
  if (onlyIfChanged && data === state.lastData) return;
  state.lastData = data;
  renderSidebar();
  if (state.mode === 'list') renderList();
  if (state.mode === 'search') runSearch();
}

// ---------- sidebar ----------

function renderSidebar() {
  const sb = buildSidebar(state);
  const current = state.mode === 'list' ? viewKey(state.view) : '';
  const item = (view, label, count, extra = {}) =>
    h(
      'button',
      {
        type: 'button',
        class: `side-item ${extra.class || ''} ${viewKey(view) === current ? 'current' : ''}`,
        dataset: { view: viewKey(view) },
        title: extra.title,
        onclick: () => setView(view),
      },
      h('span', { class: 'label' }, label),
      h('span', { class: 'count' }, String(count)),
    );
  const mini = (label, title, onclick, testid) =>
    h('button', { type: 'button', class: 'mini', title, onclick, dataset: { action: testid } }, label);

  const nav = $('sidebar');
  fill(nav, 
    item({ type: 'all' }, t('allDocuments'), sb.total, { class: 'top' }),
    h('div', { class: 'side-head' }, h('span', {}, t('cycles')), mini(t('addCycle'), t('cycleDialogAdd'), () => editCycle(null), 'add-cycle')),
    ...sb.cycles.map((c) =>
      h(
        'div',
        { class: 'cycle', dataset: { cycle: c.number } },
        h(
          'div',
          { class: 'cycle-row' },
          item({ type: 'cycle', cycle: c.number }, t('cycleYears', { n: c.number, from: c.start_year, to: c.end_year }), c.count, {
            class: 'cycle-item',
            title: c.title,
          }),
          mini('✎', t('edit'), () => editCycle(c), 'edit-cycle'),
          mini('⤓', t('exportCycleTitle', { n: c.number }), () => exportCycle(c), 'export-cycle'),
        ),
        ...c.sessions.map((s) =>
          h(
            'div',
            { class: 'session-row' },
            item({ type: 'session', cycle: c.number, date: s.date }, s.date, s.count, {
              class: 'sub',
              title: s.title,
            }),
            mini('✎', t('edit'), () => editSession(c, s), 'edit-session'),
          ),
        ),
        item({ type: 'nosession', cycle: c.number }, t('withoutSession'), c.withoutSession, { class: 'sub muted-label' }),
        h('div', { class: 'sub-actions' }, mini(t('addSession'), t('sessionDialogAdd', { n: c.number }), () => editSession(c, null), 'add-session')),
      ),
    ),
    sb.noCycle > 0 ? item({ type: 'nocycle' }, t('noCycle'), sb.noCycle) : null,
    h('div', { class: 'side-head' }, h('span', {}, t('kinds'))),
    ...sb.kinds.map((k) => item({ type: 'kind', kind: k.kind }, kindLabel(k.kind), k.count, { class: k.count ? '' : 'zero' })),
    h('div', { class: 'side-sep' }),
    item({ type: 'trash' }, t('trash'), sb.trash, { class: 'trash' }),
  );
}

function viewTitle(view) {
  switch (view.type) {
    case 'cycle': {
      const c = state.cycles.find((x) => x.number === view.cycle);
      return c ? `${t('cycleYears', { n: c.number, from: c.start_year, to: c.end_year })} — ${c.title}` : cycleLabel(view.cycle);
    }
    case 'session': {
      const s = state.sessions.find((x) => x.date === view.date);
      return s ? `${s.date} — ${s.title}` : view.date;
    }
    case 'nosession':
      return `${cycleLabel(view.cycle)} — ${t('withoutSession')}`;
    case 'nocycle':
      return t('noCycle');
    case 'kind':
      return kindLabel(view.kind);
    case 'trash':
      return t('trash');
    default:
      return t('allDocuments');
  }
}

function setView(view) {
  state.view = view;
  state.listLimit = LIST_PAGE;
  state.selected = new Set();
  state.anchor = null;
  state.query = '';
  $('search').value = '';
  showMode('list');
  renderSidebar();
  renderList();
}

// ---------- modes ----------

function showMode(mode) {
  if (state.mode === 'doc' && mode !== 'doc' && state.viewer) state.viewer.close();
  state.mode = mode;
  $('list-view').hidden = mode !== 'list';
  $('search-view').hidden = mode !== 'search';
  $('doc-view').hidden = mode !== 'doc';
  document.body.dataset.mode = mode;
}

// ---------- document list ----------

// The documents of the current view, in the order `refresh` sorted them.
function listedDocs() {
  return docsForView(state.view, state.docs, state.trash);
}

function renderList() {
  const docs = listedDocs();
  const inTrash = state.view.type === 'trash';
  $('list-title').textContent = viewTitle(state.view);
  $('list-count').textContent = docCount(docs.length);
  // A large archive lists thousands of documents: draw the first LIST_PAGE and more on request,
  // so the window answers at once (10,000 rows took about 4 s to draw).
  const shown = docs.slice(0, state.listLimit);
  const rows = shown.map((d) =>
    h(
      'tr',
      {
        class: state.selected.has(d.id) ? 'selected' : '',
        dataset: { id: d.id },
        tabindex: state.focusId === d.id ? '0' : '-1',
        'aria-selected': state.selected.has(d.id) ? 'true' : 'false',
      },
      h(
        'td',
        { class: 'title-cell' },
        h('a', { href: '#', class: 'open-doc', dataset: { open: d.id } }, d.title),
        h('div', { class: 'sub' }, d.file_name),
      ),
      h('td', {}, h('span', { class: `badge kind-${d.kind}` }, kindLabel(d.kind))),
      h('td', {}, d.cycle == null ? '—' : `${d.cycle}.`),
      h('td', {}, d.session || '—'),
      h('td', {}, d.lang.toUpperCase()),
      h('td', { class: 'num' }, String(d.pages)),
      h('td', {}, d.date || ''),
    ),
  );
  if (docs.length > shown.length) {
    const more = Math.min(LIST_PAGE, docs.length - shown.length);
    rows.push(
      h(
        'tr',
        { class: 'more-row' },
        h(
          'td',
          { colspan: '7' },
          h(
            'button',
            {
              type: 'button',
              id: 'list-more',
              onclick: () => {
                state.listLimit += LIST_PAGE;
                renderList();
              },
            },
            t('showMore', { n: more, shown: shown.length, total: docs.length }),
          ),
        ),
      ),
    );
  }
  $('doc-rows').replaceChildren(...rows);
  const empty = $('list-empty');
  empty.hidden = docs.length > 0;
  empty.textContent = inTrash ? t('emptyTrash') : t('emptyList');
  renderBulkBar();
}

function renderBulkBar() {
  const bar = $('bulk-bar');
  const n = state.selected.size;
  const inTrash = state.view.type === 'trash';
  const ids = () => [...state.selected];
  const parts = [];
  if (n > 0) parts.push(h('strong', { class: 'sel-count' }, t('selected', { n })));
  if (inTrash) {
    if (n > 0) parts.push(h('button', { type: 'button', id: 'bulk-restore', onclick: () => bulk('restore_documents', ids()) }, t('restore')));
    if (state.trash.length)
      parts.push(
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'danger', id: 'empty-trash', onclick: emptyTrash }, t('emptyTrashBtn')),
      );
  } else if (n > 0) {
    const cycleSel = h(
      'select',
      { id: 'bulk-cycle', onchange: (e) => e.target.value && bulkSet({ cycle: e.target.value === 'none' ? null : Number(e.target.value) }) },
      option('', t('setCycle'), true),
      option('none', t('none')),
      ...state.cycles.map((c) => option(String(c.number), t('cycleYears', { n: c.number, from: c.start_year, to: c.end_year }))),
    );
    const sessionSel = h(
      'select',
      { id: 'bulk-session', onchange: (e) => e.target.value && bulkSet({ session: e.target.value === 'none' ? null : e.target.value }) },
      option('', t('setSession'), true),
      option('none', t('none')),
      ...[...state.sessions].sort((a, b) => b.date.localeCompare(a.date)).map((s) => option(s.date, `${s.date} · ${cycleLabel(s.cycle)}`)),
    );
    const kindSel = h(
      'select',
      { id: 'bulk-kind', onchange: (e) => e.target.value && bulkSet({ kind: e.target.value }) },
      option('', t('setKind'), true),
      ...KINDS.map((k) => option(k, kindLabel(k))),
    );
    parts.push(cycleSel, sessionSel, kindSel, h('button', { type: 'button', id: 'bulk-trash', onclick: () => bulk('trash_documents', ids()) }, t('moveToTrash')));
  }
  fill(bar, ...parts);
  bar.hidden = parts.length === 0;
}

async function bulkSet(patch) {
  try {
    await invoke('set_documents', { ids: [...state.selected], patch });
    toast(t('saved'), 'ok', 2000);
  } catch (e) {
    showError(e);
  }
  await refresh();
}

async function bulk(cmd, ids) {
  try {
    await invoke(cmd, { ids });
    state.selected = new Set();
  } catch (e) {
    showError(e);
  }
  await refresh();
}

async function emptyTrash() {
  if (!window.confirm(t('confirmEmptyTrash', { n: state.trash.length }))) return;
  try {
    await invoke('empty_trash');
  } catch (e) {
    showError(e);
  }
  await refresh();
}

function selectRow(id, mode) {
  const ids = listedDocs().map((d) => d.id);
  const r = clickSelect(ids, state.selected, state.anchor, id, mode);
  state.selected = r.selected;
  state.anchor = r.anchor;
  state.focusId = id;
  for (const tr of $('doc-rows').children) {
    const on = state.selected.has(Number(tr.dataset.id));
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', on ? 'true' : 'false');
    tr.tabIndex = Number(tr.dataset.id) === id ? 0 : -1;
  }
  renderBulkBar();
}

$('doc-rows').addEventListener('click', (e) => {
  const open = e.target.closest('[data-open]');
  if (open) {
    e.preventDefault();
    if (!(e.ctrlKey || e.metaKey || e.shiftKey)) {
      openDocument(Number(open.dataset.open));
      return;
    }
  }
  const tr = e.target.closest('tr[data-id]');
  if (!tr) return;
  const mode = e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'single';
  selectRow(Number(tr.dataset.id), mode);
  tr.focus();
});
$('doc-rows').addEventListener('dblclick', (e) => {
  const tr = e.target.closest('tr[data-id]');
  if (tr && state.view.type !== 'trash') openDocument(Number(tr.dataset.id));
});
$('doc-rows').addEventListener('keydown', (e) => {
  const tr = e.target.closest('tr[data-id]');
  if (!tr) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
    if (next) {
      selectRow(Number(next.dataset.id), e.shiftKey ? 'range' : 'single');
      next.focus();
    }
  } else if (e.key === 'Enter' && state.view.type !== 'trash') {
    openDocument(Number(tr.dataset.id));
  } else if (e.key === ' ') {
    e.preventDefault();
    selectRow(Number(tr.dataset.id), 'toggle');
  }
});

// ---------- search ----------

let searchTimer = 0;
let searchSeq = 0;

$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    state.query = $('search').value.trim();
    state.active = -1;
    if (!state.query) {
      showMode('list');
      renderSidebar();
      renderList();
      return;
    }
    runSearch();
  }, 200);
});

$('search').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (state.mode !== 'search' || !state.hits.length) return;
    e.preventDefault();
    moveActive(e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    clearTimeout(searchTimer);
    const q = $('search').value.trim();
    if (q !== state.query || state.mode !== 'search') {
      state.query = q;
      if (q) runSearch().then(() => openHit(Math.max(0, state.active)));
    } else if (state.hits.length) {
      openHit(Math.max(0, state.active));
    }
  }
});

function currentFilter() {
  const f = state.filter;
  const out = {};
  if (f.cycle) out.cycle = Number(f.cycle);
  if (f.session === 'none') out.without_session = true;
  else if (f.session) out.session = f.session;
  if (f.kind) out.kind = f.kind;
  if (f.lang) out.lang = f.lang;
  return out;
}

async function runSearch() {
  const seq = ++searchSeq;
  const query = state.query;
  if (!query) return;
  try {
    const [hits, facets] = await Promise.all([
      invoke('search', { query, filter: currentFilter(), limit: 100 }),
      invoke('facets', { query }),
    ]);
    if (seq !== searchSeq) return;
    state.hits = hits;
    state.facets = facets;
    if (state.active >= hits.length) state.active = hits.length - 1;
    if (state.mode !== 'doc') showMode('search');
    renderSidebar();
    renderResults();
  } catch (e) {
    if (seq === searchSeq) showError(e);
  }
}

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
    const sel = h(
      'select',
      {
        id: `filter-${key}`,
        onchange: (e) => {
          state.filter[key] = e.target.value;
          state.active = -1;
          runSearch();
        },
      },
      option('', label(t('filterAll'), f.total), state.filter[key] === ''),
      ...opts.map(([v, text, n]) => option(v, label(text, n ?? 0), state.filter[key] === v, !n && state.filter[key] !== v)),
    );
    return h('label', { class: 'filter' }, h('span', {}, title), sel);
  };
  const cycleOpts = [...state.cycles]
    .sort((a, b) => b.number - a.number)
    .map((c) => [String(c.number), cycleLabel(c.number), counts.cycle.get(String(c.number))]);
  const sessionOpts = [
    ['none', t('noSessionOption'), counts.session.get('')],
    ...[...state.sessions].sort((a, b) => b.date.localeCompare(a.date)).map((s) => [s.date, s.date, counts.session.get(s.date)]),
  ];
  const kindOpts = KINDS.map((k) => [k, kindLabel(k), counts.kind.get(k)]);
  const langOpts = ['lv', 'en'].map((l) => [l, langLabel(l), counts.lang.get(l)]);
  fill($('filters'), 
    make('cycle', t('filterCycle'), cycleOpts),
    make('session', t('filterSession'), sessionOpts),
    make('kind', t('filterKind'), kindOpts),
    make('lang', t('filterLang'), langOpts),
  );
}

function renderResults() {
  renderFilters();
  $('results-title').textContent = t('results', { n: state.hits.length });
  const items = state.hits.map((hit, i) => {
    const meta = [
      h('span', { class: `badge kind-${hit.kind}` }, kindLabel(hit.kind)),
      h('span', {}, cycleLabel(hit.cycle)),
      hit.session ? h('span', {}, hit.session) : null,
      h('span', { class: 'page-no' }, t('page', { n: hit.page })),
      hit.other_pages?.length ? h('span', { class: 'muted' }, t('otherPages', { pages: hit.other_pages.slice(0, 6).join(', ') })) : null,
      h('span', { class: 'muted' }, hit.lang.toUpperCase()),
    ];
    return h(
      'li',
      {
        class: `result ${i === state.active ? 'active' : ''}`,
        dataset: { index: i, id: hit.id, page: hit.page },
        onclick: () => openHit(i),
      },
      h('div', { class: 'r-title' }, h('a', { href: '#', onclick: (e) => e.preventDefault() }, hit.title)),
      h('div', { class: 'r-meta' }, ...meta),
      h('div', { class: 'snippet', html: safeSnippet(hit.snippet) }),
    );
  });
  $('results').replaceChildren(...items);
  $('results-empty').hidden = state.hits.length > 0;
  $('results-empty').textContent = t('noResults');
}

function moveActive(delta) {
  const n = state.hits.length;
  if (!n) return;
  state.active = state.active < 0 ? (delta > 0 ? 0 : n - 1) : Math.min(n - 1, Math.max(0, state.active + delta));
  for (const li of $('results').children) li.classList.toggle('active', Number(li.dataset.index) === state.active);
  $('results').children[state.active]?.scrollIntoView({ block: 'nearest' });
}

function openHit(i) {
  const hit = state.hits[i];
  if (!hit) return;
  state.active = i;
  openDocument(hit.id, { page: hit.page, query: state.query, words: snippetTerms(hit.snippet) });
}

// ---------- document view ----------

async function openDocument(id, ctx = {}) {
  if (state.mode !== 'doc') state.prevMode = state.mode;
  showMode('doc');
  state.docContext = ctx;
  $('page-input').value = String(ctx.page || 1);
  $('page-total').textContent = '';
  $('pdf-host').replaceChildren();
  try {
    state.doc = await invoke('get_document', { id });
  } catch (e) {
    showError(e);
    goBack();
    return;
  }
  $('doc-title').textContent = state.doc.title;
  $('doc-view').dataset.id = String(id);
  renderMeta();
  try {
    const { Viewer } = await import('./viewer.js');
    if (!state.viewer) {
      state.viewer = new Viewer($('pdf-host'), {
        onPage: (p, total) => {
          $('page-input').value = String(p);
          $('page-input').max = String(total);
          $('page-total').textContent = t('pageOf', { n: total });
          $('doc-view').dataset.page = String(p);
          renderPageOcr(p);
        },
        onError: (e) => showPdfError(e),
        ocrWords: (p) => {
          const d = state.doc;
          const done = d?.ocr_pages?.some((x) => x.page === p && x.state === 'done');
          return done ? invoke('page_words', { id: d.id, page: p }) : null;
        },
      });
    }
    const matcher = makeMatcher(ctx.query || '', ctx.words || []);
    await state.viewer.open(id, { page: ctx.page || 1, matcher });
  } catch (e) {
    showPdfError(e);
  }
}

function showPdfError(e) {
  console.error(e);
  $('pdf-host').replaceChildren(h('p', { class: 'empty' }, t('pdfError', { msg: e?.message || String(e) })));
}

function goBack() {
  const to = state.prevMode === 'search' && state.query ? 'search' : 'list';
  showMode(to);
  renderSidebar();
  if (to === 'search') {
    renderResults();
    runSearch();
    $('search').focus();
  } else {
    renderList();
    const tr = state.focusId != null && $('doc-rows').querySelector(`tr[data-id="${state.focusId}"]`);
    if (tr) tr.focus();
  }
}

$('doc-back').addEventListener('click', goBack);
$('page-prev').addEventListener('click', () => state.viewer?.goTo(state.viewer.page - 1));
$('page-next').addEventListener('click', () => state.viewer?.goTo(state.viewer.page + 1));
$('page-input').addEventListener('change', (e) => state.viewer?.goTo(Number(e.target.value) || 1));
$('zoom-in').addEventListener('click', () => state.viewer?.setZoom(state.viewer.zoom * 1.2));
$('zoom-out').addEventListener('click', () => state.viewer?.setZoom(state.viewer.zoom / 1.2));
$('open-external').addEventListener('click', async () => {
  if (!state.doc) return;
  try {
    await invoke('open_original', { id: state.doc.id });
  } catch (e) {
    showError(e);
  }
});

function sourceTag(field) {
  const d = state.doc;
  const src = d.corrected?.includes(field) ? 'user' : d.sources?.[field] || '';
  return h('small', { class: `src src-${src || 'none'}`, title: src }, t(`src_${src}`));
}

function renderMeta() {
  const d = state.doc;
  const save = async (patch) => {
    try {
      await invoke('set_documents', { ids: [d.id], patch });
      state.doc = await invoke('get_document', { id: d.id });
      $('doc-title').textContent = state.doc.title;
      toast(t('saved'), 'ok', 2000);
    } catch (e) {
      showError(e);
    }
    renderMeta();
    refresh();
  };
  const field = (label, name, control) =>
    h('div', { class: 'mfield', dataset: { field: name } }, h('label', {}, h('span', {}, label), sourceTag(name)), control);
  const ro = (label, value, cls = '') => h('div', { class: `mfield ro ${cls}` }, h('label', {}, h('span', {}, label)), h('div', { class: 'value' }, value));

  const title = h('input', { type: 'text', id: 'meta-title', value: d.title });
  title.addEventListener('change', () => title.value.trim() && title.value.trim() !== d.title && save({ title: title.value.trim() }));
  const kind = h('select', { id: 'meta-kind', onchange: (e) => save({ kind: e.target.value }) }, ...KINDS.map((k) => option(k, kindLabel(k), k === d.kind)));
  const cycle = h(
    'select',
    { id: 'meta-cycle', onchange: (e) => save({ cycle: e.target.value === '' ? null : Number(e.target.value) }) },
    option('', t('none'), d.cycle == null),
    ...[...state.cycles].sort((a, b) => b.number - a.number).map((c) => option(String(c.number), t('cycleYears', { n: c.number, from: c.start_year, to: c.end_year }), c.number === d.cycle)),
  );
  const sessions = [...state.sessions].filter((s) => d.cycle == null || s.cycle === d.cycle).sort((a, b) => b.date.localeCompare(a.date));
  const session = h(
    'select',
    { id: 'meta-session', onchange: (e) => save({ session: e.target.value === '' ? null : e.target.value }) },
    option('', t('none'), !d.session),
    ...sessions.map((s) => option(s.date, `${s.date} · ${s.title}`, s.date === d.session)),
  );
  const language = h('select', { id: 'meta-lang', onchange: (e) => save({ lang: e.target.value }) }, ...['lv', 'en'].map((l) => option(l, langLabel(l), l === d.lang)));
  const date = h('input', { type: 'text', id: 'meta-date', value: d.date || '', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}', inputmode: 'numeric' });
  date.addEventListener('change', () => {
    const v = date.value.trim();
    if (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v)) save({ date: v || null });
    else date.reportValidity();
  });

  const status = [t(`status_${d.status}`)];
  if (d.flagged_pages?.length) status.push(t('flaggedPages', { pages: d.flagged_pages.join(', ') }));
  const ocrPages = (st) => (d.ocr_pages || []).filter((p) => p.state === st);
  const done = ocrPages('done');
  if (done.length) status.push(t('ocrPagesDone', { pages: done.map((p) => `${p.page} (${Math.round(p.confidence ?? 0)} %)`).join(', ') }));
  if (ocrPages('queued').length) status.push(t('ocrPagesQueued', { pages: ocrPages('queued').map((p) => p.page).join(', ') }));
  const failed = ocrPages('failed');
  if (failed.length) status.push(t('ocrPagesFailed', { pages: failed.map((p) => p.page).join(', ') }));
  const redo = failed.length
    ? h('button', { type: 'button', id: 'meta-ocr-retry', onclick: () => startOcr([d.id]), title: failed.map((p) => `${p.page}: ${p.error || ''}`).join('\n') }, t('ocrRedo'))
    : null;

  fill($('meta'), 
    h('h2', {}, t('metadata')),
    field(t('fTitle'), 'title', title),
    field(t('fKind'), 'kind', kind),
    field(t('fCycle'), 'cycle', cycle),
    field(t('fSession'), 'session', session),
    d.unknown_session_date ? h('p', { class: 'note' }, t('unknownSession', { date: d.unknown_session_date })) : null,
    field(t('fLang'), 'lang', language),
    field(t('fDate'), 'date', date),
    h('hr'),
    ro(t('fFileName'), d.file_name),
    ro(t('fSize'), formatSize(d.size)),
    ro(t('fPages'), String(d.pages)),
    ro(t('fStatus'), status.join('; '), d.status !== 'ok' && d.status !== 'ocr' ? 'warn' : ''),
    redo,
    ro(t('fAdded'), (d.added_at || '').replace('T', ' ').slice(0, 16)),
    d.producer ? ro(t('fProducer'), d.producer) : null,
    ro(t('fSha'), d.sha256, 'sha'),
  );
}

// ---------- ingest ----------

const task = {
  open(title) {
    $('task-title').textContent = title;
    $('task-bar').style.width = '0%';
    $('task-status').textContent = '';
    $('task-outcomes').replaceChildren();
    $('task-panel').hidden = false;
    $('task-panel').dataset.state = 'running';
    $('task-panel').dataset.kind = '';
  },
  progress(done, total, current) {
    $('task-bar').style.width = total ? `${Math.round((100 * done) / total)}%` : '0%';
    $('task-status').textContent = `${t('ingestProgress', { done, total })}${current ? ` — ${current}` : ''}`;
  },
  finish(text, ok = true) {
    $('task-bar').style.width = '100%';
    $('task-status').textContent = text;
    $('task-panel').dataset.state = ok ? 'done' : 'failed';
  },
};
$('task-close').addEventListener('click', () => {
  $('task-panel').hidden = true;
});

function outcomeItem(o) {
  const where = [];
  if (o.cycle != null) where.push(cycleLabel(o.cycle));
  if (o.session) where.push(o.session);
  const li = h(
    'li',
    { class: `oc oc-${o.outcome}`, dataset: { outcome: o.outcome, id: o.id ?? '' } },
    h('span', { class: 'oc-badge' }, t(`outcome_${o.outcome}`)),
    h(
      'div',
      { class: 'oc-body' },
      h('div', { class: 'oc-file', title: o.path }, o.file_name),
      o.outcome === 'failed'
        ? h('div', { class: 'oc-detail reason' }, pickLang(o.error || o.error_code || '', lang()))
        : h(
            'div',
            { class: 'oc-detail' },
            [o.title, o.kind ? kindLabel(o.kind) : null, where.length ? where.join(' · ') : t('noCycle').toLowerCase(), o.in_trash ? t('inTrash') : null]
              .filter(Boolean)
              .join(' — '),
          ),
      o.outcome === 'added' && o.status && o.status !== 'ok' ? h('div', { class: 'oc-detail note' }, t(`status_${o.status}`)) : null,
      o.note ? h('div', { class: 'oc-detail note' }, pickLang(o.note, lang())) : null,
    ),
  );
  if (o.id != null && !o.in_trash) {
    li.classList.add('clickable');
    li.addEventListener('click', () => openDocument(o.id));
  }
  return li;
}

/** Ingests dropped or picked paths: the one path for drops, "Add files…" and "Add folder…". */
async function ingestPaths(paths) {
  if (!paths || !paths.length) return null;
  task.open(t('ingestTitle'));
  const counts = { added: 0, duplicate: 0, failed: 0 };
  const channel = new TAURI.core.Channel();
  channel.onmessage = (ev) => {
    if (ev.type === 'progress') {
      task.progress(ev.done, ev.total, ev.current);
    } else if (ev.type === 'outcome') {
      counts[ev.outcome.outcome] = (counts[ev.outcome.outcome] || 0) + 1;
      $('task-outcomes').append(outcomeItem(ev.outcome));
    }
  };
  try {
    const outcomes = await invoke('ingest', { paths, onEvent: channel });
    // Outcomes normally arrive over the channel; make sure none is missing from the list.
    if ($('task-outcomes').children.length < outcomes.length) {
      $('task-outcomes').replaceChildren(...outcomes.map(outcomeItem));
      for (const k of Object.keys(counts)) counts[k] = outcomes.filter((o) => o.outcome === k).length;
    }
    task.finish(t('ingestDone', { added: counts.added, dup: counts.duplicate, failed: counts.failed }));
    await refresh();
    return outcomes;
  } catch (e) {
    task.finish(errorText(e), false);
    showError(e);
    await refresh();
    return null;
  }
}

$('add-files').addEventListener('click', async () => {
  try {
    const picked = await TAURI.dialog.open({ multiple: true, directory: false, filters: [{ name: 'PDF', extensions: ['pdf', 'PDF'] }] });
    if (picked) ingestPaths(Array.isArray(picked) ? picked : [picked]);
  } catch (e) {
    showError(e);
  }
});
$('add-folder').addEventListener('click', async () => {
  try {
    const picked = await TAURI.dialog.open({ multiple: true, directory: true });
    if (picked) ingestPaths(Array.isArray(picked) ? picked : [picked]);
  } catch (e) {
    showError(e);
  }
});

async function setupDragDrop() {
  const overlay = $('drop-overlay');
  try {
    await TAURI.webview.getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === 'enter' || p.type === 'over') overlay.hidden = false;
      else if (p.type === 'leave') overlay.hidden = true;
      else if (p.type === 'drop') {
        overlay.hidden = true;
        ingestPaths(p.paths);
      }
    });
    document.body.dataset.dropReady = 'true';
  } catch (e) {
    console.error('drag and drop unavailable', e);
  }
}

// ---------- export ----------

async function exportCycle(c) {
  let path = null;
  try {
    if (state.status?.exportDir) {
      path = `${state.status.exportDir.replace(/\/$/, '')}/${exportFileName(c)}`;
    } else {
      path = await TAURI.dialog.save({ defaultPath: exportFileName(c), filters: [{ name: 'Zip', extensions: ['zip'] }] });
    }
  } catch (e) {
    showError(e);
    return;
  }
  if (!path) return;
  task.open(t('exportTitle', { n: c.number }));
  const channel = new TAURI.core.Channel();
  channel.onmessage = (p) => {
    $('task-bar').style.width = p.total ? `${Math.round((100 * p.done) / p.total)}%` : '0%';
    $('task-status').textContent = `${t('exporting', { done: p.done, total: p.total })}${p.current ? ` — ${p.current}` : ''}`;
  };
  try {
    const summary = await invoke('export_cycle', { cycle: c.number, path, onProgress: channel });
    task.finish(t('exportDone', { files: summary.files, path: summary.path }));
    $('task-panel').dataset.exportPath = summary.path;
    $('task-panel').dataset.exportFiles = String(summary.files);
  } catch (e) {
    task.finish(errorText(e), false);
    showError(e);
  }
}

// ---------- cycles and sessions ----------

function formDialog({ title, fields, onSubmit, onDelete }) {
  const dlg = $('form-dialog');
  $('form-dialog-title').textContent = title;
  $('form-dialog-error').hidden = true;
  const inputs = {};
  $('form-dialog-fields').replaceChildren(
    ...fields.map((f) => {
      const input = h('input', { type: f.type || 'text', name: f.name, id: `fd-${f.name}`, required: f.required, min: f.min, max: f.max, value: f.value ?? '', placeholder: f.placeholder, pattern: f.pattern });
      input.disabled = !!f.disabled;
      inputs[f.name] = input;
      return h('label', { class: 'fd-field' }, h('span', {}, f.label), input);
    }),
  );
  const del = $('form-dialog-delete');
  del.hidden = !onDelete;
  const fail = (e) => {
    $('form-dialog-error').textContent = errorText(e);
    $('form-dialog-error').hidden = false;
  };
  del.onclick = async () => {
    try {
      await onDelete();
      dlg.close();
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  $('form-dialog-cancel').onclick = () => dlg.close();
  $('form-dialog-form').onsubmit = async (e) => {
    e.preventDefault();
    const values = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value.trim()]));
    try {
      await onSubmit(values);
      dlg.close();
      refresh();
    } catch (err) {
      fail(err);
    }
  };
  dlg.showModal();
  fields.find((f) => !f.disabled) && inputs[fields.find((f) => !f.disabled).name].focus();
}

function editCycle(c) {
  const next = Math.max(0, ...state.cycles.map((x) => x.number)) + 1;
  const last = state.cycles.reduce((m, x) => Math.max(m, x.end_year), 2025);
  formDialog({
    title: c ? t('cycleDialogEdit', { n: c.number }) : t('cycleDialogAdd'),
    fields: [
      { name: 'number', label: t('cycleNumber'), type: 'number', min: 1, value: c ? c.number : next, disabled: !!c, required: true },
      { name: 'start', label: t('startYear'), type: 'number', min: 1990, max: 2100, value: c ? c.start_year : last + 1, required: true },
      { name: 'end', label: t('endYear'), type: 'number', min: 1990, max: 2100, value: c ? c.end_year : last + 4, required: true },
      { name: 'title', label: t('title'), value: c ? c.title : '' },
    ],
    onSubmit: (v) =>
      invoke('save_cycle', { number: Number(v.number), startYear: Number(v.start), endYear: Number(v.end), title: v.title }),
    onDelete: c ? () => invoke('delete_cycle', { number: c.number }) : null,
  });
}

function editSession(c, s) {
  formDialog({
    title: s ? t('sessionDialogEdit', { date: s.date }) : t('sessionDialogAdd', { n: c.number }),
    fields: [
      { name: 'date', label: t('sessionDate'), value: s ? s.date : '', disabled: !!s, required: true, placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}' },
      { name: 'title', label: t('title'), value: s ? s.title : '' },
    ],
    onSubmit: (v) => (s ? invoke('rename_session', { id: s.id, title: v.title }) : invoke('add_session', { cycle: c.number, date: v.date, title: v.title })),
    onDelete: s ? () => invoke('delete_session', { id: s.id }) : null,
  });
}

// ---------- keyboard, language ----------

document.addEventListener('keydown', (e) => {
  const tag = e.target.tagName;
  const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.target.isContentEditable;
  if ($('form-dialog').open) return;
  if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    $('search').focus();
    $('search').select();
  } else if (e.key === '/' && !typing) {
    e.preventDefault();
    $('search').focus();
    $('search').select();
  } else if (e.key === 'Escape') {
    if (!$('drop-overlay').hidden) $('drop-overlay').hidden = true;
    if (state.mode === 'doc') {
      e.preventDefault();
      goBack();
    } else if (state.mode === 'search') {
      e.preventDefault();
      $('search').value = '';
      state.query = '';
      showMode('list');
      renderSidebar();
      renderList();
      $('search').blur();
    }
  } else if (state.mode === 'doc' && !typing && state.viewer) {
    if (e.key === 'PageDown' || e.key === 'ArrowRight') {
      e.preventDefault();
      state.viewer.goTo(state.viewer.page + 1);
    } else if (e.key === 'PageUp' || e.key === 'ArrowLeft') {
      e.preventDefault();
      state.viewer.goTo(state.viewer.page - 1);
    }
  } else if (state.mode === 'search' && !typing && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    moveActive(e.key === 'ArrowDown' ? 1 : -1);
  } else if (state.mode === 'search' && !typing && e.key === 'Enter' && state.active >= 0) {
    openHit(state.active);
  }
});

function applyLang() {
  translateDom(document);
  document.title = t('appTitle');
  renderSidebar();
  if (state.mode === 'list') renderList();
  if (state.mode === 'search') renderResults();
  if (state.mode === 'doc' && state.doc) {
    renderMeta();
    if (state.viewer?.pdf) $('page-total').textContent = t('pageOf', { n: state.viewer.pageCount });
  }
}

$('lang-switch').addEventListener('click', () => {
  setLang(lang() === 'lv' ? 'en' : 'lv');
  applyLang();
});

// ---------- OCR ----------

/** The badge beside the pager: whether the page shown is recognised text, and how sure. */
function renderPageOcr(p) {
  const badge = $('page-ocr');
  const o = state.doc?.ocr_pages?.find((x) => x.page === p);
  badge.hidden = !o;
  if (!o) return;
  badge.dataset.state = o.state;
  badge.textContent =
    o.state === 'done' ? t('ocrPageBadge', { conf: Math.round(o.confidence ?? 0) }) : o.state === 'queued' ? t('ocrPageQueued') : t('ocrPageFailed');
  badge.title = o.error || '';
}

async function startOcr(ids = null) {
  try {
    renderOcr(await invoke('start_ocr_job', { ids }));
  } catch (e) {
    showError(e);
  }
}

let ocrHideTimer = 0;
/** The OCR panel: progress while the background job runs; what to install, or what failed,
 *  while pages wait; a short "done" note after a run. Hidden when there is nothing to say. */
function renderOcr(v) {
  const prev = state.ocr;
  state.ocr = v;
  const panel = $('ocr-panel');
  clearTimeout(ocrHideTimer);
  const actions = [];
  let text = '';
  let st = 'idle';
  if (v.running) {
    st = 'running';
    text = `${t('ocrRunning', { done: v.runDone, total: v.runTotal })}${v.current ? ` — ${v.current}` : ''}`;
    $('ocr-bar').style.width = v.runTotal ? `${Math.round((100 * v.runDone) / v.runTotal)}%` : '0%';
  } else if (v.queued > 0 && v.unavailable) {
    st = 'missing';
    text = t('ocrMissing', { n: v.queued, hint: 'sudo apt install tesseract-ocr tesseract-ocr-lav' });
  } else if (v.error) {
    st = 'missing';
    text = errorText(v.error);
  } else if (v.failed > 0) {
    text = t('ocrFailed', { n: v.failed });
    actions.push(h('button', { type: 'button', id: 'ocr-retry', onclick: () => startOcr(null) }, t('ocrRetry')));
  } else if (v.queued > 0) {
    text = t('ocrQueued', { n: v.queued });
  } else if (prev?.running && v.runDone > 0) {
    text = t('ocrDone', { n: v.runDone });
    ocrHideTimer = setTimeout(() => {
      panel.hidden = true;
    }, 6000);
  } else {
    panel.hidden = true;
    panel.dataset.state = 'none';
    return;
  }
  panel.dataset.state = st;
  $('ocr-text').textContent = text;
  fill($('ocr-actions'), ...actions);
  panel.hidden = false;
}

async function onOcrEvent(v) {
  renderOcr(v);
  // A page of the open document was recognised: show its new status, badge and words.
  if (state.mode === 'doc' && state.doc && (v.lastDoc === state.doc.id || !v.running)) {
    try {
      state.doc = await invoke('get_document', { id: state.doc.id });
      renderMeta();
      renderPageOcr(state.viewer?.page || 1);
      state.viewer?.render(false);
    } catch {
      /* the document may have been emptied from the trash meanwhile */
    }
  }
  if (!v.running) {
    await refresh({ onlyIfChanged: true });
    if (state.mode === 'search' && state.query) runSearch();
  }
}

// ---------- start ----------

function showSamples(s) {
  if (s.loading) {
    if ($('task-panel').hidden || $('task-panel').dataset.kind !== 'samples') {
      task.open(t('ingestTitle'));
      $('task-panel').dataset.kind = 'samples';
    }
    $('task-bar').style.width = s.total ? `${Math.round((100 * s.done) / s.total)}%` : '0%';
    $('task-status').textContent = t('samplesLoading', { done: s.done, total: s.total });
  } else if ($('task-panel').dataset.kind === 'samples') {
    $('task-panel').dataset.kind = '';
    if (s.error) task.finish(errorText(s.error), false);
    else {
      task.finish(t('samplesDone', { n: s.added ?? 0 }));
      setTimeout(() => {
        if ($('task-panel').dataset.state === 'done' && $('task-title').textContent === t('ingestTitle')) $('task-panel').hidden = true;
      }, 4000);
    }
    refresh();
  }
}

// The background rebuild of the search index (after an upgrade changed its layout).
function showIndex(s) {
  if (s.running) {
    if ($('task-panel').hidden || $('task-panel').dataset.kind !== 'index') {
      task.open(t('indexTitle'));
      $('task-panel').dataset.kind = 'index';
    }
    $('task-bar').style.width = s.total ? `${Math.round((100 * s.done) / s.total)}%` : '0%';
    $('task-status').textContent = t('indexLoading', { done: s.done, total: s.total });
  } else if (s.done > 0 || s.error) {
    // Also when the rebuild ended before the page was listening (a small archive).
    if ($('task-panel').dataset.kind !== 'index') task.open(t('indexTitle'));
    $('task-panel').dataset.kind = '';
    if (s.error) task.finish(errorText(s.error), false);
    else task.finish(t('indexDone', { n: s.done }));
    refresh();
  }
}

async function start() {
  // Marks for scripts/bench-app.sh (time to the first list on a large archive).
  performance.mark('ogp-start');
  // Ask for the documents first, beside everything else: on a large archive the list is what
  // the window waits for.
  const pending = fetchData();
  pending.catch(() => {}); // handled by refresh below; not an unhandled rejection meanwhile
  applyLang();
  await setupDragDrop();
  // Listen first, then ask: a sample load that ends in between is still seen.
  await TAURI.event.listen('samples', (ev) => showSamples(ev.payload));
  await TAURI.event.listen('index', (ev) => showIndex(ev.payload));
  await TAURI.event.listen('ocr', (ev) => onOcrEvent(ev.payload));
  try {
    state.status = await invoke('app_status');
  } catch (e) {
    showError(e);
  }
  if (state.status?.error) {
    $('main').prepend(h('div', { class: 'banner error', role: 'alert' }, `${t('archiveError')}: ${errorText(state.status.error)}`));
  }
  if (state.status?.readOnly) {
    $('main').prepend(h('div', { class: 'banner warn', role: 'status' }, `${t('readOnly')}: ${pickLang(state.status.readOnly, lang())}`));
  }
  if (state.status?.samples?.loading) showSamples(state.status.samples);
  if (state.status?.index) showIndex(state.status.index);
  performance.mark('ogp-status');
  await refresh({ pending });
  performance.mark('ogp-listed');
  try {
    renderOcr(await invoke('ocr_status'));
  } catch {
    /* no archive: the banner says why */
  }
  document.body.dataset.ready = 'true';
}

// The drop handler's path, reachable for end-to-end tests (WebDriver cannot drag files in).
window.ogpApp = { ingestPaths, refresh, state };

start();
