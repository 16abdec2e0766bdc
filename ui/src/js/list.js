// The document list of the sidebar's current view: a table drawn a page at a time, selection
// with click / Ctrl-click / Shift-click and the arrow keys, and the bulk bar (set cycle,
// session or kind, move to the trash; in the trash, restore and empty it).

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, fill, option, select, toast, showError, kindLabel, cycleLabel, cycleYears, docCount } from './dom.js';
import { KINDS, NONE, VIEW, docsForView, clickSelect, sessionsNewestFirst } from './model.js';
import { state, LIST_PAGE, showMoreRows, setSelection, clearSelection } from './state.js';
import { refresh } from './data.js';
import { openDocument } from './document.js';

/** The documents of the current view, in the order `refresh` sorted them. */
function listedDocs() {
  return docsForView(state.view, state.docs, state.trash);
}

const inTrash = () => state.view.type === VIEW.TRASH;

function viewTitle(view) {
  switch (view.type) {
    case VIEW.CYCLE: {
      const c = state.cycles.find((x) => x.number === view.cycle);
      return c ? `${cycleYears(c)} — ${c.title}` : cycleLabel(view.cycle);
    }
    case VIEW.SESSION: {
      const s = state.sessions.find((x) => x.date === view.date);
      return s ? `${s.date} — ${s.title}` : view.date;
    }
    case VIEW.NOSESSION:
      return `${cycleLabel(view.cycle)} — ${t('withoutSession')}`;
    case VIEW.NOCYCLE:
      return t('noCycle');
    case VIEW.KIND:
      return kindLabel(view.kind);
    case VIEW.TRASH:
      return t('trash');
    default:
      return t('allDocuments');
  }
}

function docRow(d) {
  const on = state.selected.has(d.id);
  return h(
    'tr',
    { class: on ? 'selected' : '', dataset: { id: d.id }, tabindex: state.focusId === d.id ? '0' : '-1', 'aria-selected': on ? 'true' : 'false' },
    h('td', { class: 'title-cell' }, h('a', { href: '#', class: 'open-doc', dataset: { open: d.id } }, d.title), h('div', { class: 'sub' }, d.file_name)),
    h('td', {}, h('span', { class: `badge kind-${d.kind}` }, kindLabel(d.kind))),
    h('td', {}, d.cycle == null ? '—' : `${d.cycle}.`),
    h('td', {}, d.session || '—'),
    h('td', {}, d.lang.toUpperCase()),
    h('td', { class: 'num' }, String(d.pages)),
    h('td', {}, d.date || ''),
  );
}

export function renderList() {
  const docs = listedDocs();
  $('list-title').textContent = viewTitle(state.view);
  $('list-count').textContent = docCount(docs.length);
  // A large archive lists thousands of documents: draw the first LIST_PAGE and more on request,
  // so the window answers at once (10,000 rows took about 4 s to draw).
  const shown = docs.slice(0, state.listLimit);
  const rows = shown.map(docRow);
  if (docs.length > shown.length) {
    const more = Math.min(LIST_PAGE, docs.length - shown.length);
    const onclick = () => {
      showMoreRows();
      renderList();
    };
    rows.push(
      h(
        'tr',
        { class: 'more-row' },
        h('td', { colspan: '7' }, h('button', { type: 'button', id: 'list-more', onclick }, t('showMore', { n: more, shown: shown.length, total: docs.length }))),
      ),
    );
  }
  $('doc-rows').replaceChildren(...rows);
  const empty = $('list-empty');
  empty.hidden = docs.length > 0;
  empty.textContent = inTrash() ? t('emptyTrash') : t('emptyList');
  renderBulkBar();
}

// ---------- the bulk bar ----------

/** A select whose first option only names the action; choosing another applies `patchOf(value)`. */
function bulkSelect(id, prompt, options, patchOf) {
  return select(id, (v) => v && bulkSet(patchOf(v)), option('', prompt, true), ...options);
}

function renderBulkBar() {
  const bar = $('bulk-bar');
  const n = state.selected.size;
  const ids = () => [...state.selected];
  const parts = [];
  if (n > 0) parts.push(h('strong', { class: 'sel-count' }, t('selected', { n })));
  if (inTrash()) {
    if (n > 0) parts.push(h('button', { type: 'button', id: 'bulk-restore', onclick: () => bulk(api.restoreDocuments, ids()) }, t('restore')));
    if (state.trash.length) {
      parts.push(h('span', { class: 'spacer' }), h('button', { type: 'button', class: 'danger', id: 'empty-trash', onclick: emptyTrash }, t('emptyTrashBtn')));
    }
  } else if (n > 0) {
    const cycles = state.cycles.map((c) => option(String(c.number), cycleYears(c)));
    const sessions = sessionsNewestFirst(state.sessions).map((s) => option(s.date, `${s.date} · ${cycleLabel(s.cycle)}`));
    parts.push(
      bulkSelect('bulk-cycle', t('setCycle'), [option(NONE, t('none')), ...cycles], (v) => ({ cycle: v === NONE ? null : Number(v) })),
      bulkSelect('bulk-session', t('setSession'), [option(NONE, t('none')), ...sessions], (v) => ({ session: v === NONE ? null : v })),
      bulkSelect('bulk-kind', t('setKind'), KINDS.map((k) => option(k, kindLabel(k))), (v) => ({ kind: v })),
      h('button', { type: 'button', id: 'bulk-trash', onclick: () => bulk(api.trashDocuments, ids()) }, t('moveToTrash')),
    );
  }
  fill(bar, ...parts);
  bar.hidden = parts.length === 0;
}

async function bulkSet(patch) {
  try {
    await api.setDocuments([...state.selected], patch);
    toast(t('saved'), 'ok', 2000);
  } catch (e) {
    showError(e);
  }
  await refresh();
}

/** Runs `action(ids)` (to the trash, restore); the selection is gone with the rows. */
async function bulk(action, ids) {
  try {
    await action(ids);
    clearSelection();
  } catch (e) {
    showError(e);
  }
  await refresh();
}

async function emptyTrash() {
  if (!window.confirm(t('confirmEmptyTrash', { n: state.trash.length }))) return;
  try {
    await api.emptyTrash();
  } catch (e) {
    showError(e);
  }
  await refresh();
}

// ---------- selection and keys ----------

/** Selects row `id` the way a click does (mode: 'single' | 'toggle' | 'range'), without redrawing the rows. */
function selectRow(id, mode) {
  const ids = listedDocs().map((d) => d.id);
  const r = clickSelect(ids, state.selected, state.anchor, id, mode);
  setSelection({ selected: r.selected, anchor: r.anchor, focusId: id });
  for (const tr of $('doc-rows').children) {
    const on = state.selected.has(Number(tr.dataset.id));
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', on ? 'true' : 'false');
    tr.tabIndex = Number(tr.dataset.id) === id ? 0 : -1;
  }
  renderBulkBar();
}

/** Gives the keyboard focus back to the row last focused, if it is still listed. */
export function focusRow() {
  const tr = state.focusId != null && $('doc-rows').querySelector(`tr[data-id="${state.focusId}"]`);
  if (tr) tr.focus();
}

export function initList() {
  const rows = $('doc-rows');
  const rowOf = (e) => e.target.closest('tr[data-id]');
  rows.addEventListener('click', (e) => {
    const open = e.target.closest('[data-open]');
    if (open) {
      e.preventDefault();
      if (!(e.ctrlKey || e.metaKey || e.shiftKey)) {
        openDocument(Number(open.dataset.open));
        return;
      }
    }
    const tr = rowOf(e);
    if (!tr) return;
    const mode = e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'single';
    selectRow(Number(tr.dataset.id), mode);
    tr.focus();
  });
  rows.addEventListener('dblclick', (e) => {
    const tr = rowOf(e);
    if (tr && !inTrash()) openDocument(Number(tr.dataset.id));
  });
  rows.addEventListener('keydown', (e) => {
    const tr = rowOf(e);
    if (!tr) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
      if (next) {
        selectRow(Number(next.dataset.id), e.shiftKey ? 'range' : 'single');
        next.focus();
      }
    } else if (e.key === 'Enter' && !inTrash()) {
      openDocument(Number(tr.dataset.id));
    } else if (e.key === ' ') {
      e.preventDefault();
      selectRow(Number(tr.dataset.id), 'toggle');
    }
  });
}
