// The commitments view of a cycle (issue 15): each commitment of the cycle's plan with its
// number, title, responsible institution, latest completion rating and how often other
// documents mention it; for the chosen one, its thread as a picture — an SVG time axis with a
// lane per commitment of its line across cycles (plan, mentions and ratings as marks, the
// continuation as a link between lanes) — and as a list beside it. Every mark and every entry
// opens its document at its page. Where the marks go is records.js's `layoutTimeline`.

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, fill, showError, cycleLabel } from './dom.js';
import { MODE } from './model.js';
import { STEP, layoutTimeline, sortCommitments } from './records.js';
import { state } from './state.js';
import { showMode } from './mode.js';
import { openDocument } from './document.js';
import { labelOr, opensPage } from './meeting.js';

/** What the view shows: { cycle, list, selected, threads } (threads: the chain of the selected one). */
let shown = null;
let seq = 0;

const SVG = 'http://www.w3.org/2000/svg';
/** How far the chain is followed each way (a line of continuations longer than this is cut). */
const CHAIN_STEPS = 6;

/** Opens the commitments of `cycle`. */
export async function openCommitments(cycle) {
  const mine = ++seq;
  showMode(MODE.COMMITMENTS);
  fill($('commitments-view'), h('div', { class: 'view-head' }, h('h1', {}, t('commitmentsTitle', { n: cycle }))));
  try {
    const list = sortCommitments(await api.commitments(cycle));
    if (mine !== seq) return;
    shown = { cycle, list, selected: null, threads: [] };
    renderCommitments();
  } catch (e) {
    showError(e);
  }
}

/** Chooses commitment `id` and loads its thread and the threads of the commitments it continues or that continue it. */
export async function selectCommitment(id) {
  if (!shown) return;
  const mine = ++seq;
  try {
    const first = await api.commitment(id);
    const threads = [first];
    for (const key of ['continues', 'continued_by']) {
      let next = first.commitment[key];
      for (let i = 0; next && i < CHAIN_STEPS && !threads.some((x) => x.commitment.id === next); i += 1) {
        const other = await api.commitment(next);
        threads.push(other);
        next = other.commitment[key];
      }
    }
    if (mine !== seq) return;
    shown.selected = id;
    shown.threads = threads;
    renderCommitments();
  } catch (e) {
    showError(e);
  }
}

const levelLabel = (level) => (level ? labelOr(`level_${level.replace(/-/g, '_')}`, level) : t('levelUnknown'));

/** Shows the view again (back from a document, or in the other language). */
export function renderCommitments() {
  if (!shown) return;
  if (state.mode !== MODE.COMMITMENTS) showMode(MODE.COMMITMENTS);
  const root = $('commitments-view');
  root.dataset.cycle = String(shown.cycle);
  const headRow = h('tr', {}, ...[t('colNumber'), t('colTitle'), t('colInstitution'), t('colStatus'), t('colMentions')].map((x) => h('th', {}, x)));
  const rows = shown.list.map((c) =>
    h(
      'tr',
      { class: `commitment ${c.id === shown.selected ? 'selected' : ''}`, dataset: { id: c.id }, tabindex: '0', onclick: () => selectCommitment(c.id), onkeydown: (e) => e.key === 'Enter' && selectCommitment(c.id) },
      h('td', { class: 'num' }, c.id),
      h(
        'td',
        { class: 'title-cell' },
        h('div', {}, c.title),
        c.continues ? h('div', { class: 'sub' }, t('continues', { id: c.continues })) : null,
        c.continued_by ? h('div', { class: 'sub' }, t('continuedBy', { id: c.continued_by })) : null,
      ),
      h('td', {}, c.institution || '—'),
      h('td', {}, h('span', { class: `level level-${c.completion || 'none'}` }, levelLabel(c.completion))),
      h('td', { class: 'num' }, String(c.mentions)),
    ),
  );
  fill(
    root,
    h('div', { class: 'view-head' }, h('h1', {}, t('commitmentsTitle', { n: shown.cycle }))),
    shown.list.length ? h('table', { class: 'doc-table commitments-table' }, h('thead', {}, headRow), h('tbody', {}, ...rows)) : h('p', { class: 'empty' }, t('commitmentsNone')),
    shown.selected ? threadPanel() : shown.list.length ? h('p', { class: 'muted pick' }, t('pickCommitment')) : null,
  );
  if (shown.selected) drawTimeline();
}

function threadPanel() {
  const sel = shown.threads.find((x) => x.commitment.id === shown.selected);
  return h(
    'section',
    { class: 'thread', dataset: { id: shown.selected } },
    h('h2', {}, t('threadTitle', { id: shown.selected }), h('span', { class: 'muted' }, ` · ${sel.commitment.title}`)),
    h(
      'div',
      { class: 'thread-grid' },
      h('div', { class: 'timeline-wrap' }, h('div', { id: 'timeline-host', class: 'timeline-host' }), legend()),
      h('ol', { class: 'thread-list' }, ...sel.thread.map(threadEntry)),
    ),
  );
}

function legend() {
  const steps = [STEP.PLAN, STEP.MENTION, STEP.RATING, STEP.CONTINUATION];
  return h(
    'div',
    { class: 'tl-legend' },
    ...steps.map((s) => h('span', { class: `lg lg-${s}` }, h('i', {}), t(`step_${s}`))),
    h('span', { class: 'muted' }, t('timelineLegend')),
  );
}

/** When an entry was: its date, else its document's cycle. */
function when(e) {
  if (e.date) return e.date;
  return e.doc?.cycle != null ? t('dateApprox', { cycle: e.doc.cycle }) : '';
}

function threadEntry(e) {
  const body = [
    h('span', { class: `step step-${e.step}` }, t(`step_${e.step}`)),
    e.commitment !== shown.selected ? h('span', { class: 'muted' }, ` ${e.commitment}`) : null,
    h('span', { class: 'when' }, when(e)),
    h('div', { class: 'where' }, e.doc ? e.doc.file_name : '', e.page ? h('span', { class: 'page-no' }, t('page', { n: e.page })) : null),
    e.text ? h('div', { class: 'excerpt' }, e.text) : null,
  ];
  const attrs = { class: 'thread-entry', dataset: { step: e.step, commitment: e.commitment } };
  return e.doc && e.page ? opensPage('li', attrs, e.doc.doc_id, e.page, ...body) : h('li', attrs, ...body);
}

// ---------- the picture ----------

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

/** The mark of one step: plan a square, mention a circle, rating a diamond, continuation a triangle. */
function shape(step, x, y) {
  const r = 6;
  if (step === STEP.PLAN) return svg('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, rx: 1.5 });
  if (step === STEP.RATING) return svg('polygon', { points: `${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}` });
  if (step === STEP.CONTINUATION) return svg('polygon', { points: `${x - r},${y - r} ${x + r},${y} ${x - r},${y + r}` });
  return svg('circle', { cx: x, cy: y, r });
}

/** A clickable mark that opens its entry's document at its page. */
function mark(step, x, y, { entry, commitment, date, approx }) {
  const where = entry.doc ? `${entry.doc.file_name}, ${t('page', { n: entry.page })}` : '';
  const tip = `${t(`step_${step}`)} · ${approx ? when(entry) : date} · ${where}${entry.text ? `\n${entry.text}` : ''}`;
  return svg(
    'g',
    {
      class: `tl-mark step-${step} ${approx ? 'approx' : ''} ${commitment === shown.selected ? 'own' : 'other'}`,
      'data-step': step,
      'data-commitment': commitment,
      'data-date': date,
      'data-approx': approx ? 'true' : 'false',
      'data-x': x.toFixed(1),
      'data-doc': entry.doc?.doc_id,
      'data-file': entry.doc?.file_name,
      'data-page': entry.page,
      tabindex: 0,
      role: 'button',
    },
    svg('title', {}, document.createTextNode(tip)),
    shape(step, x, y),
  );
}

function drawTimeline() {
  const host = $('timeline-host');
  if (!host) return;
  const width = Math.max(480, Math.floor(host.clientWidth || 640));
  const lay = layoutTimeline(shown.threads, state.cycles, { width });
  if (lay.empty) {
    fill(host, h('p', { class: 'empty' }, t('timelineEmpty')));
    return;
  }
  const pic = svg('svg', { id: 'timeline', class: 'timeline', width: lay.width, height: lay.height, viewBox: `0 0 ${lay.width} ${lay.height}`, role: 'img', 'aria-label': t('threadTitle', { id: shown.selected }) });
  pic.append(
    svg('defs', {}, svg('marker', { id: 'tl-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'tl-arrowhead' }))),
  );
  lay.bands.forEach((b, i) => {
    pic.append(svg('rect', { class: `tl-band ${i % 2 ? 'odd' : ''}`, x: b.x1, y: 4, width: Math.max(0, b.x2 - b.x1), height: lay.axisY - 4 }));
    pic.append(svg('text', { class: 'tl-band-label', x: b.x1 + 6, y: 18 }, document.createTextNode(`${cycleLabel(b.cycle)} · ${b.from}–${b.to}`)));
  });
  for (const tk of lay.ticks) {
    pic.append(svg('line', { class: 'tl-grid', x1: tk.x, x2: tk.x, y1: 24, y2: lay.axisY }));
    pic.append(svg('text', { class: 'tl-year', x: tk.x, y: lay.axisY + 16, 'text-anchor': 'middle' }, document.createTextNode(String(tk.year))));
  }
  pic.append(svg('line', { class: 'tl-axis', x1: lay.left, x2: lay.right, y1: lay.axisY, y2: lay.axisY }));
  for (const lane of lay.lanes) {
    pic.append(svg('line', { class: `tl-lane ${lane.id === shown.selected ? 'own' : ''}`, x1: lay.left, x2: lay.right, y1: lane.y, y2: lane.y }));
    pic.append(svg('text', { class: `tl-lane-label ${lane.id === shown.selected ? 'own' : ''}`, x: 8, y: lane.y + 4 }, document.createTextNode(lane.id)));
  }
  for (const l of lay.links) {
    const bend = Math.min(60, Math.abs(l.x2 - l.x1) / 2);
    pic.append(svg('path', { class: 'tl-link', d: `M${l.x1 + 7},${l.y1} C${l.x1 + bend},${l.y1} ${l.x2 - bend},${l.y2} ${l.x2 - 8},${l.y2}`, 'marker-end': 'url(#tl-arrow)' }));
    pic.append(mark(STEP.CONTINUATION, l.mx, l.my, { entry: l.entry, commitment: l.entry.commitment, date: '', approx: true }));
  }
  for (const m of lay.marks) pic.append(mark(m.step, m.x, m.y, m));
  for (const g of pic.querySelectorAll('.tl-mark')) {
    const open = () => {
      const doc = Number(g.dataset.doc);
      const page = Number(g.dataset.page);
      if (doc && page) openDocument(doc, { page });
    };
    g.addEventListener('click', open);
    g.addEventListener('keydown', (e) => e.key === 'Enter' && open());
  }
  fill(host, pic);
}
