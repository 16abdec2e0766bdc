// Ingest: files and folders from "Add files…", "Add folder…" or dropped on the window, all by
// one path (ingestPaths), with progress and one line per file in the task panel: added (with
// what was recognised), already in the archive, or failed (with why). A line of a document in
// the archive opens it.

import * as api from './api.js';
import { t, lang } from './i18n.js';
import { $, h, guarded, kindLabel, cycleLabel } from './dom.js';
import { DOC_STATUS, DRAG, INGEST_EVENT, OUTCOME, countOutcomes } from './model.js';
import { pickLang, withCurrent } from './text.js';
import { refresh } from './data.js';
import { task } from './tasks.js';
import { openDocument } from './document.js';

/** What was recognised of an added or duplicate file: title — kind — cycle · session. */
function outcomeDetail(o) {
  const where = [];
  if (o.cycle != null) where.push(cycleLabel(o.cycle));
  if (o.session) where.push(o.session);
  return [o.title, o.kind ? kindLabel(o.kind) : null, where.length ? where.join(' · ') : t('noCycle').toLowerCase(), o.in_trash ? t('inTrash') : null]
    .filter(Boolean)
    .join(' — ');
}

function outcomeItem(o) {
  const failed = o.outcome === OUTCOME.FAILED;
  const li = h(
    'li',
    { class: `oc oc-${o.outcome}`, dataset: { outcome: o.outcome, id: o.id ?? '' } },
    h('span', { class: 'oc-badge' }, t(`outcome_${o.outcome}`)),
    h(
      'div',
      { class: 'oc-body' },
      h('div', { class: 'oc-file', title: o.path }, o.file_name),
      failed
        ? h('div', { class: 'oc-detail reason' }, pickLang(o.error || o.error_code || '', lang()))
        : h('div', { class: 'oc-detail' }, outcomeDetail(o)),
      o.outcome === OUTCOME.ADDED && o.status && o.status !== DOC_STATUS.OK ? h('div', { class: 'oc-detail note' }, t(`status_${o.status}`)) : null,
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
export async function ingestPaths(paths) {
  if (!paths || !paths.length) return null;
  task.open(t('ingestTitle'));
  const list = $('task-outcomes');
  let counts = countOutcomes([]);
  const onEvent = (ev) => {
    if (ev.type === INGEST_EVENT.PROGRESS) {
      task.progress(withCurrent(t('ingestProgress', { done: ev.done, total: ev.total }), ev.current), ev.done, ev.total);
    } else if (ev.type === INGEST_EVENT.OUTCOME) {
      counts[ev.outcome.outcome] += 1;
      list.append(outcomeItem(ev.outcome));
    }
  };
  try {
    const outcomes = await api.ingest(paths, onEvent);
    // Outcomes normally arrive over the channel; make sure none is missing from the list.
    if (list.children.length < outcomes.length) {
      list.replaceChildren(...outcomes.map(outcomeItem));
      counts = countOutcomes(outcomes);
    }
    task.finish(t('ingestDone', { added: counts[OUTCOME.ADDED], dup: counts[OUTCOME.DUPLICATE], failed: counts[OUTCOME.FAILED] }));
    await refresh();
    return outcomes;
  } catch (e) {
    task.fail(e);
    await refresh();
    return null;
  }
}

/** Files dragged over the window: the overlay while over it, an ingest when dropped. */
async function setupDragDrop() {
  const overlay = $('drop-overlay');
  try {
    await api.onDragDrop((p) => {
      if (p.type === DRAG.ENTER || p.type === DRAG.OVER) overlay.hidden = false;
      else if (p.type === DRAG.LEAVE) overlay.hidden = true;
      else if (p.type === DRAG.DROP) {
        overlay.hidden = true;
        ingestPaths(p.paths);
      }
    });
    document.body.dataset.dropReady = 'true';
  } catch (e) {
    console.error('drag and drop unavailable', e);
  }
}

export async function initIngest() {
  $('add-files').addEventListener('click', () => guarded(async () => ingestPaths(await api.pickFiles())));
  $('add-folder').addEventListener('click', () => guarded(async () => ingestPaths(await api.pickFolders())));
  await setupDragDrop();
}

/** Hides the drop overlay (Escape, when a drag left the window unnoticed). */
export function hideDropOverlay() {
  $('drop-overlay').hidden = true;
}
