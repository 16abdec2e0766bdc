// Exporting a cycle from the sidebar: a small dialog chooses the form — the BagIt bag (the
// default, as `ogp-archive export`: page texts, citations and an offline page that searches
// them) or the plain zip with SHA256SUMS — then the bundle goes to the app's export folder
// when it has one (`--export-dir`), else where the save dialog says, with progress in the
// task panel.

import * as api from './api.js';
import { t } from './i18n.js';
import { $, guarded } from './dom.js';
import { exportFileName, exportPath, withCurrent } from './text.js';
import { state } from './state.js';
import { formDialog } from './dialogs.js';
import { task } from './tasks.js';

/** Asks for the form of cycle c's bundle, then exports it. */
export function exportCycle(c) {
  formDialog({
    title: t('exportTitle', { n: c.number }),
    fields: [
      {
        name: 'format',
        label: t('exportFormat'),
        type: 'select',
        value: 'bagit',
        options: [
          ['bagit', t('exportFormatBagit')],
          ['plain', t('exportFormatPlain')],
        ],
      },
    ],
    submitLabel: t('exportCycle'),
    // The dialog closes first; the export then runs with the task panel.
    onSubmit: (v) => void setTimeout(() => runExport(c, v.format)),
  });
}

async function runExport(c, format) {
  const dir = state.status?.exportDir;
  const path = await guarded(() => (dir ? exportPath(dir, c, format) : api.pickZipTarget(exportFileName(c, format))));
  if (!path) return;
  task.open(t('exportTitle', { n: c.number }));
  try {
    const summary = await api.exportCycle(c.number, path, format, (p) =>
      task.progress(withCurrent(t('exporting', { done: p.done, total: p.total }), p.current), p.done, p.total),
    );
    task.finish(t('exportDone', { files: summary.files, path: summary.path }));
    $('task-panel').dataset.exportPath = summary.path;
    $('task-panel').dataset.exportFiles = String(summary.files);
    $('task-panel').dataset.exportFormat = format;
  } catch (e) {
    task.fail(e);
  }
}
