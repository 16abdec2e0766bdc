// The document view: the PDF (viewer.js, loaded on first use) with its pager, zoom and the
// recognised-text badge of the page shown, and beside it the metadata panel, where the user
// corrects title, kind, cycle, session, language and date, and sees where each came from.

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, fill, option, select, toast, showError, guarded, kindLabel, langLabel, cycleYears, copyText } from './dom.js';
import { KINDS, LANGS, MODE, DOC_STATUS, OCR_PAGE, SOURCE, cyclesNewestFirst, sessionsNewestFirst, ocrPagesByState } from './model.js';
import { makeMatcher, formatSize, isIsoDate, shortTime } from './text.js';
import { state, setDoc, setDocContext, setViewer } from './state.js';
import { showMode } from './mode.js';
import { refresh } from './data.js';
import { startOcr } from './ocr.js';
import { similarPanel, loadSimilar } from './similar.js';

let onBack = () => {};

/**
 * Opens document `id` at `ctx.page`, marking the words of `ctx.query` and `ctx.words` (from a
 * search hit's snippet) in its text.
 */
export async function openDocument(id, ctx = {}) {
  showMode(MODE.DOC);
  setDocContext(ctx);
  $('page-input').value = String(ctx.page || 1);
  $('page-total').textContent = '';
  $('pdf-host').replaceChildren();
  try {
    setDoc(await api.getDocument(id));
  } catch (e) {
    showError(e);
    onBack();
    return;
  }
  $('doc-title').textContent = state.doc.title;
  $('doc-view').dataset.id = String(id);
  renderMeta();
  loadSimilar(state.doc, (other) => openDocument(other));
  try {
    if (!state.viewer) setViewer(await makeViewer());
    const matcher = makeMatcher(ctx.query || '', ctx.words || []);
    await state.viewer.open(id, { page: ctx.page || 1, matcher });
  } catch (e) {
    showPdfError(e);
  }
}

async function makeViewer() {
  const { Viewer } = await import('./viewer.js');
  return new Viewer($('pdf-host'), {
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
      const done = d?.ocr_pages?.some((x) => x.page === p && x.state === OCR_PAGE.DONE);
      return done ? api.pageWords(d.id, p) : null;
    },
  });
}

function showPdfError(e) {
  console.error(e);
  $('pdf-host').replaceChildren(h('p', { class: 'empty' }, t('pdfError', { msg: e?.message || String(e) })));
}

/** The badge beside the pager: whether the page shown is recognised text, and how sure. */
function renderPageOcr(p) {
  const badge = $('page-ocr');
  const o = state.doc?.ocr_pages?.find((x) => x.page === p);
  badge.hidden = !o;
  if (!o) return;
  badge.dataset.state = o.state;
  if (o.state === OCR_PAGE.DONE) badge.textContent = t('ocrPageBadge', { conf: Math.round(o.confidence ?? 0) });
  else badge.textContent = o.state === OCR_PAGE.QUEUED ? t('ocrPageQueued') : t('ocrPageFailed');
  badge.title = o.error || '';
}

/** Reloads the open document after its pages were recognised: status, badge, words. */
export async function reloadOpenDocument() {
  try {
    setDoc(await api.getDocument(state.doc.id));
    renderMeta();
    renderPageOcr(state.viewer?.page || 1);
    state.viewer?.render(false);
  } catch {
    /* the document may have been emptied from the trash meanwhile */
  }
}

/** Redraws the open document's texts in the interface's language. */
export function translateDocument() {
  renderMeta();
  if (state.viewer?.pdf) $('page-total').textContent = t('pageOf', { n: state.viewer.pageCount });
}

// ---------- the metadata panel ----------

function sourceTag(field) {
  const d = state.doc;
  const src = d.corrected?.includes(field) ? SOURCE.USER : d.sources?.[field] || '';
  return h('small', { class: `src src-${src || 'none'}`, title: src }, t(`src_${src}`));
}

/** Saves a correction of the open document, then shows the document as the archive has it. */
async function save(patch) {
  const d = state.doc;
  try {
    await api.setDocuments([d.id], patch);
    setDoc(await api.getDocument(d.id));
    $('doc-title').textContent = state.doc.title;
    toast(t('saved'), 'ok', 2000);
  } catch (e) {
    showError(e);
  }
  renderMeta();
  refresh();
}

/** The status line: text status, flagged pages, and the OCR state of each page. */
function statusText(d) {
  const status = [t(`status_${d.status}`)];
  if (d.flagged_pages?.length) status.push(t('flaggedPages', { pages: d.flagged_pages.join(', ') }));
  const { done, queued, failed } = ocrPagesByState(d.ocr_pages);
  const pageList = (pages) => pages.map((p) => p.page).join(', ');
  if (done.length) status.push(t('ocrPagesDone', { pages: done.map((p) => `${p.page} (${Math.round(p.confidence ?? 0)} %)`).join(', ') }));
  if (queued.length) status.push(t('ocrPagesQueued', { pages: pageList(queued) }));
  if (failed.length) status.push(t('ocrPagesFailed', { pages: pageList(failed) }));
  return status.join('; ');
}

/** The editable fields: title, kind, cycle, session, language, date. */
function editors(d) {
  const title = h('input', { type: 'text', id: 'meta-title', value: d.title });
  title.addEventListener('change', () => title.value.trim() && title.value.trim() !== d.title && save({ title: title.value.trim() }));
  const date = h('input', { type: 'text', id: 'meta-date', value: d.date || '', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}', inputmode: 'numeric' });
  date.addEventListener('change', () => {
    const v = date.value.trim();
    if (v === '' || isIsoDate(v)) save({ date: v || null });
    else date.reportValidity();
  });
  const sessions = sessionsNewestFirst(state.sessions.filter((s) => d.cycle == null || s.cycle === d.cycle));
  return {
    title,
    kind: select('meta-kind', (v) => save({ kind: v }), ...KINDS.map((k) => option(k, kindLabel(k), k === d.kind))),
    cycle: select(
      'meta-cycle',
      (v) => save({ cycle: v === '' ? null : Number(v) }),
      option('', t('none'), d.cycle == null),
      ...cyclesNewestFirst(state.cycles).map((c) => option(String(c.number), cycleYears(c), c.number === d.cycle)),
    ),
    session: select(
      'meta-session',
      (v) => save({ session: v === '' ? null : v }),
      option('', t('none'), !d.session),
      ...sessions.map((s) => option(s.date, `${s.date} · ${s.title}`, s.date === d.session)),
    ),
    lang: select('meta-lang', (v) => save({ lang: v }), ...LANGS.map((l) => option(l, langLabel(l), l === d.lang))),
    date,
  };
}

function renderMeta() {
  const d = state.doc;
  const field = (label, name, control) =>
    h('div', { class: 'mfield', dataset: { field: name } }, h('label', {}, h('span', {}, label), sourceTag(name)), control);
  const ro = (label, value, cls = '') => h('div', { class: `mfield ro ${cls}` }, h('label', {}, h('span', {}, label)), h('div', { class: 'value' }, value));
  const ed = editors(d);
  const failed = ocrPagesByState(d.ocr_pages).failed;
  const redo = failed.length
    ? h('button', { type: 'button', id: 'meta-ocr-retry', onclick: () => startOcr([d.id]), title: failed.map((p) => `${p.page}: ${p.error || ''}`).join('\n') }, t('ocrRedo'))
    : null;
  const readable = d.status === DOC_STATUS.OK || d.status === DOC_STATUS.OCR;

  fill(
    $('meta'),
    h('h2', {}, t('metadata')),
    field(t('fTitle'), 'title', ed.title),
    field(t('fKind'), 'kind', ed.kind),
    field(t('fCycle'), 'cycle', ed.cycle),
    field(t('fSession'), 'session', ed.session),
    d.unknown_session_date ? h('p', { class: 'note' }, t('unknownSession', { date: d.unknown_session_date })) : null,
    field(t('fLang'), 'lang', ed.lang),
    field(t('fDate'), 'date', ed.date),
    h('hr'),
    ro(t('fFileName'), d.file_name),
    ro(t('fSize'), formatSize(d.size)),
    ro(t('fPages'), String(d.pages)),
    ro(t('fStatus'), statusText(d), readable ? '' : 'warn'),
    redo,
    ro(t('fAdded'), shortTime(d.added_at)),
    d.producer ? ro(t('fProducer'), d.producer) : null,
    ro(t('fSha'), d.sha256, 'sha'),
    similarPanel(),
  );
}

// ---------- pager ----------

/** onBack(): leave the document (the back button, or the document could not be read). */
export function initDocument(hooks) {
  onBack = hooks.onBack;
  const viewer = () => state.viewer;
  $('doc-back').addEventListener('click', () => onBack());
  $('page-prev').addEventListener('click', () => viewer()?.goTo(viewer().page - 1));
  $('page-next').addEventListener('click', () => viewer()?.goTo(viewer().page + 1));
  $('page-input').addEventListener('change', (e) => viewer()?.goTo(Number(e.target.value) || 1));
  $('zoom-in').addEventListener('click', () => viewer()?.setZoom(viewer().zoom * 1.2));
  $('zoom-out').addEventListener('click', () => viewer()?.setZoom(viewer().zoom / 1.2));
  $('open-external').addEventListener('click', () => state.doc && guarded(() => api.openOriginal(state.doc.id)));
  $('cite').addEventListener('click', () => state.doc && guarded(() => citePage(state.doc.id, viewer()?.page || 1)));
}

/** Copies a citation of the page shown, in the chosen format (kept on the button for tests). */
async function citePage(id, page) {
  const text = await api.citeDocument(id, page, $('cite-format').value);
  $('cite').dataset.citation = text;
  await copyText(text);
  toast(t('citeCopied', { page }));
}

/** Turns the page by `delta` (the window's PageUp/PageDown and arrow keys). */
export function turnPage(delta) {
  state.viewer?.goTo(state.viewer.page + delta);
}
