// The task panel (bottom right): progress and result of an ingest, an export, the first
// run's sample load and a background rebuild of the search index. `data-kind` on the panel
// says which background job owns it, so that a later event of the same job finds it again.

import { t } from './i18n.js';
import { $, errorText, showError } from './dom.js';
import { percent } from './text.js';
import { TASK_STATE, TASK_JOB } from './model.js';
import { refresh } from './data.js';

const panel = () => $('task-panel');

export const task = {
  /** Opens the panel, empty, for a new task. */
  open(title) {
    $('task-title').textContent = title;
    $('task-bar').style.width = '0%';
    $('task-status').textContent = '';
    $('task-outcomes').replaceChildren();
    panel().hidden = false;
    panel().dataset.state = TASK_STATE.RUNNING;
    panel().dataset.kind = '';
  },
  progress(text, done, total) {
    $('task-bar').style.width = percent(done, total);
    $('task-status').textContent = text;
  },
  finish(text, ok = true) {
    $('task-bar').style.width = '100%';
    $('task-status').textContent = text;
    panel().dataset.state = ok ? TASK_STATE.DONE : TASK_STATE.FAILED;
  },
  /** Ends the task with error `e`, in the panel and as a toast. */
  fail(e) {
    task.finish(errorText(e), false);
    showError(e);
  },
};

export function initTasks() {
  $('task-close').addEventListener('click', () => {
    panel().hidden = true;
  });
}

/** Opens the panel for background job `kind`, unless it already shows that job. */
function openFor(kind, title) {
  if (panel().hidden || panel().dataset.kind !== kind) {
    task.open(title);
    panel().dataset.kind = kind;
  }
}

/** Ends a background job's report with its error, or else its done text. */
function endJob(error, doneText) {
  panel().dataset.kind = '';
  if (error) task.finish(errorText(error), false);
  else task.finish(doneText);
}

/** The first run's sample load (`samples` event / app_status.samples). */
export function showSamples(s) {
  if (s.loading) {
    openFor(TASK_JOB.SAMPLES, t('ingestTitle'));
    task.progress(t('samplesLoading', { done: s.done, total: s.total }), s.done, s.total);
  } else if (panel().dataset.kind === TASK_JOB.SAMPLES) {
    endJob(s.error, t('samplesDone', { n: s.added ?? 0 }));
    if (!s.error) {
      setTimeout(() => {
        if (panel().dataset.state === TASK_STATE.DONE && $('task-title').textContent === t('ingestTitle')) panel().hidden = true;
      }, 4000);
    }
    refresh();
  }
}

/** The background rebuild of the search index after an upgrade changed its layout (`index` event). */
export function showIndex(s) {
  if (s.running) {
    openFor(TASK_JOB.INDEX, t('indexTitle'));
    task.progress(t('indexLoading', { done: s.done, total: s.total }), s.done, s.total);
  } else if (s.done > 0 || s.error) {
    // Also when the rebuild ended before the page was listening (a small archive).
    if (panel().dataset.kind !== TASK_JOB.INDEX) task.open(t('indexTitle'));
    endJob(s.error, t('indexDone', { n: s.done }));
    refresh();
  }
}
