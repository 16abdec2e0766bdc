// OGP Archive front end: wires the screens together. Each screen is a module (sidebar, list,
// search, document, ingest, the task and OCR panels, the form dialog); api.js is the only door
// to the Rust shell and state.js holds what the window shows. Here: the moves between screens,
// the window's keys, the language switch, and the start.

import { t, lang, setLang, translateDom } from './i18n.js';
import * as api from './api.js';
import { $, h, errorText, showError } from './dom.js';
import { MODE } from './model.js';
import { pickLang } from './text.js';
import { state, subscribe, setView, setStatus, setRecordsKey } from './state.js';
import { showMode } from './mode.js';
import { fetchData, refresh } from './data.js';
import { initTasks, showSamples, showIndex } from './tasks.js';
import { renderOcr } from './ocr.js';
import { dialogOpen } from './dialogs.js';
import { initSidebar, renderSidebar } from './sidebar.js';
import { initList, renderList, focusRow } from './list.js';
import { initSearch, runSearch, renderResults, moveActive, openHit, clearQuery } from './search.js';
import { initDocument, reloadOpenDocument, translateDocument, turnPage } from './document.js';
import { initIngest, ingestPaths, hideDropOverlay } from './ingest.js';
import { openMeeting, renderMeeting } from './meeting.js';
import { openCommitments, renderCommitments } from './commitments.js';
import { initDecisions } from './decisions.js';

// ---------- moves between screens ----------

function showList() {
  showMode(MODE.LIST);
  renderSidebar();
  renderList();
}

/** A sidebar entry: its documents, nothing selected, no query. */
function selectView(view) {
  setView(view);
  clearQuery();
  showList();
}

/** A session's meeting page (`date`) or a cycle's commitments (`cycle`), from the sidebar. */
function showMeeting(date) {
  setRecordsKey(`meeting:${date}`);
  clearQuery();
  openMeeting(date);
  renderSidebar();
}

function showCommitments(cycle) {
  setRecordsKey(`commitments:${cycle}`);
  clearQuery();
  openCommitments(cycle);
  renderSidebar();
}

/** Back from a document to where it was opened from: the results of the query, a meeting page, the commitments, or the list. */
function goBack() {
  if (state.prevMode === MODE.MEETING) {
    renderMeeting();
    renderSidebar();
  } else if (state.prevMode === MODE.COMMITMENTS) {
    renderCommitments();
    renderSidebar();
  } else if (state.prevMode === MODE.SEARCH && state.query) {
    showMode(MODE.SEARCH);
    renderSidebar();
    renderResults();
    runSearch();
    $('search').focus();
  } else {
    showList();
    focusRow();
  }
}

// Fresh data: redraw what shows it.
subscribe('data', () => {
  renderSidebar();
  if (state.mode === MODE.LIST) renderList();
  if (state.mode === MODE.SEARCH) runSearch();
});

// ---------- the window's keys ----------

function focusSearch() {
  $('search').focus();
  $('search').select();
}

document.addEventListener('keydown', (e) => {
  const tag = e.target.tagName;
  const typing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.target.isContentEditable;
  if (dialogOpen()) return;
  if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    focusSearch();
  } else if (e.key === '/' && !typing) {
    e.preventDefault();
    focusSearch();
  } else if (e.key === 'Escape') {
    hideDropOverlay();
    if (state.mode === MODE.DOC) {
      e.preventDefault();
      goBack();
    } else if (state.mode === MODE.SEARCH) {
      e.preventDefault();
      clearQuery();
      showList();
      $('search').blur();
    } else if (state.mode === MODE.MEETING || state.mode === MODE.COMMITMENTS) {
      e.preventDefault();
      showList();
    }
  } else if (state.mode === MODE.DOC && !typing && state.viewer) {
    if (e.key === 'PageDown' || e.key === 'ArrowRight') {
      e.preventDefault();
      turnPage(1);
    } else if (e.key === 'PageUp' || e.key === 'ArrowLeft') {
      e.preventDefault();
      turnPage(-1);
    }
  } else if (state.mode === MODE.SEARCH && !typing && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    moveActive(e.key === 'ArrowDown' ? 1 : -1);
  } else if (state.mode === MODE.SEARCH && !typing && e.key === 'Enter' && state.active >= 0) {
    openHit(state.active);
  }
});

// ---------- language ----------

function applyLang() {
  translateDom(document);
  document.title = t('appTitle');
  renderSidebar();
  if (state.mode === MODE.LIST) renderList();
  if (state.mode === MODE.SEARCH) renderResults();
  if (state.mode === MODE.DOC && state.doc) translateDocument();
  if (state.mode === MODE.MEETING) renderMeeting();
  if (state.mode === MODE.COMMITMENTS) renderCommitments();
}

$('lang-switch').addEventListener('click', () => {
  setLang(lang() === 'lv' ? 'en' : 'lv');
  applyLang();
});

// ---------- OCR events ----------

async function onOcrEvent(v) {
  renderOcr(v);
  // A page of the open document was recognised: show its new status, badge and words.
  if (state.mode === MODE.DOC && state.doc && (v.lastDoc === state.doc.id || !v.running)) await reloadOpenDocument();
  if (!v.running) {
    await refresh({ onlyIfChanged: true });
    if (state.mode === MODE.SEARCH && state.query) runSearch();
  }
}

// ---------- start ----------

function banner(kind, role, text) {
  $('main').prepend(h('div', { class: `banner ${kind}`, role }, text));
}

async function start() {
  // Marks for scripts/bench-app.sh (time to the first list on a large archive).
  performance.mark('ogp-start');
  // Ask for the documents first, beside everything else: on a large archive the list is what
  // the window waits for.
  const pending = fetchData();
  pending.catch(() => {}); // handled by refresh below; not an unhandled rejection meanwhile
  initTasks();
  initSidebar({ onView: selectView, onMeeting: showMeeting, onCommitments: showCommitments });
  initList();
  initSearch({ onClear: showList });
  initDecisions({ onToggle: runSearch });
  initDocument({ onBack: goBack });
  applyLang();
  await initIngest();
  // Listen first, then ask: a sample load that ends in between is still seen.
  await api.onSamples(showSamples);
  await api.onIndex(showIndex);
  await api.onOcr(onOcrEvent);
  try {
    setStatus(await api.appStatus());
  } catch (e) {
    showError(e);
  }
  const status = state.status;
  if (status?.error) banner('error', 'alert', `${t('archiveError')}: ${errorText(status.error)}`);
  if (status?.readOnly) banner('warn', 'status', `${t('readOnly')}: ${pickLang(status.readOnly, lang())}`);
  if (status?.samples?.loading) showSamples(status.samples);
  if (status?.index) showIndex(status.index);
  performance.mark('ogp-status');
  await refresh({ pending });
  performance.mark('ogp-listed');
  try {
    renderOcr(await api.ocrStatus());
  } catch {
    /* no archive: the banner says why */
  }
  document.body.dataset.ready = 'true';
}

// The drop handler's path, reachable for end-to-end tests (WebDriver cannot drag files in).
window.ogpApp = { ingestPaths, refresh, state };

start();
