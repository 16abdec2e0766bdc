// The sidebar: all documents, the plan cycles with their council sessions (add, edit, delete
// through the form dialog; export a cycle, export.js), documents without a cycle, the kinds and
// the trash, each with its count. A click on an entry shows its documents (init's onView); a
// session's meeting button opens its meeting page (onMeeting), a cycle's "Apņemšanās" entry
// its commitments (onCommitments).

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, fill, cycleYears, kindLabel } from './dom.js';
import { MODE, VIEW, buildSidebar, viewKey, newCycleDefaults } from './model.js';
import { state } from './state.js';
import { formDialog } from './dialogs.js';
import { exportCycle } from './export.js';

let onView = () => {};
let onMeeting = () => {};
let onCommitments = () => {};

/** onView(view): a sidebar entry was chosen; onMeeting(date), onCommitments(cycle): a meeting page or a cycle's commitments. */
export function initSidebar(hooks) {
  onView = hooks.onView;
  onMeeting = hooks.onMeeting || onMeeting;
  onCommitments = hooks.onCommitments || onCommitments;
}

export function renderSidebar() {
  const sb = buildSidebar(state);
  const current = state.mode === MODE.LIST ? viewKey(state.view) : '';
  const item = (view, label, count, extra = {}) =>
    h(
      'button',
      {
        type: 'button',
        class: `side-item ${extra.class || ''} ${viewKey(view) === current ? 'current' : ''}`,
        dataset: { view: viewKey(view) },
        title: extra.title,
        onclick: () => onView(view),
      },
      h('span', { class: 'label' }, label),
      h('span', { class: 'count' }, String(count)),
    );
  const mini = (label, title, onclick, testid, data = {}) =>
    h('button', { type: 'button', class: 'mini', title, onclick, dataset: { action: testid, ...data } }, label);
  const records = state.mode === MODE.MEETING || state.mode === MODE.COMMITMENTS;

  fill(
    $('sidebar'),
    item({ type: VIEW.ALL }, t('allDocuments'), sb.total, { class: 'top' }),
    h('div', { class: 'side-head' }, h('span', {}, t('cycles')), mini(t('addCycle'), t('cycleDialogAdd'), () => editCycle(null), 'add-cycle')),
    ...sb.cycles.map((c) =>
      h(
        'div',
        { class: 'cycle', dataset: { cycle: c.number } },
        h(
          'div',
          { class: 'cycle-row' },
          item({ type: VIEW.CYCLE, cycle: c.number }, cycleYears(c), c.count, { class: 'cycle-item', title: c.title }),
          mini('✎', t('edit'), () => editCycle(c), 'edit-cycle'),
          mini('⤓', t('exportCycleTitle', { n: c.number }), () => exportCycle(c), 'export-cycle'),
        ),
        ...c.sessions.map((s) =>
          h(
            'div',
            { class: 'session-row' },
            item({ type: VIEW.SESSION, cycle: c.number, date: s.date }, s.date, s.count, { class: 'sub', title: s.title }),
            mini('≡', t('openMeeting'), () => onMeeting(s.date), 'open-meeting', { date: s.date, current: String(records && state.recordsKey === `meeting:${s.date}`) }),
            mini('✎', t('edit'), () => editSession(c, s), 'edit-session'),
          ),
        ),
        item({ type: VIEW.NOSESSION, cycle: c.number }, t('withoutSession'), c.withoutSession, { class: 'sub muted-label' }),
        c.count
          ? h(
              'button',
              {
                type: 'button',
                class: `side-item sub commitments-item ${records && state.recordsKey === `commitments:${c.number}` ? 'current' : ''}`,
                dataset: { view: `commitments:${c.number}` },
                onclick: () => onCommitments(c.number),
              },
              h('span', { class: 'label' }, t('openCommitments')),
            )
          : null,
        h('div', { class: 'sub-actions' }, mini(t('addSession'), t('sessionDialogAdd', { n: c.number }), () => editSession(c, null), 'add-session')),
      ),
    ),
    sb.noCycle > 0 ? item({ type: VIEW.NOCYCLE }, t('noCycle'), sb.noCycle) : null,
    h('div', { class: 'side-head' }, h('span', {}, t('kinds'))),
    ...sb.kinds.map((k) => item({ type: VIEW.KIND, kind: k.kind }, kindLabel(k.kind), k.count, { class: k.count ? '' : 'zero' })),
    h('div', { class: 'side-sep' }),
    item({ type: VIEW.TRASH }, t('trash'), sb.trash, { class: 'trash' }),
  );
}

// ---------- cycles and sessions ----------

/** The dialog to add a cycle (c null) or edit one. */
function editCycle(c) {
  const next = newCycleDefaults(state.cycles);
  formDialog({
    title: c ? t('cycleDialogEdit', { n: c.number }) : t('cycleDialogAdd'),
    fields: [
      { name: 'number', label: t('cycleNumber'), type: 'number', min: 1, value: c ? c.number : next.number, disabled: !!c, required: true },
      { name: 'start', label: t('startYear'), type: 'number', min: 1990, max: 2100, value: c ? c.start_year : next.start, required: true },
      { name: 'end', label: t('endYear'), type: 'number', min: 1990, max: 2100, value: c ? c.end_year : next.end, required: true },
      { name: 'title', label: t('title'), value: c ? c.title : '' },
    ],
    onSubmit: (v) => api.saveCycle({ number: Number(v.number), startYear: Number(v.start), endYear: Number(v.end), title: v.title }),
    onDelete: c ? () => api.deleteCycle(c.number) : null,
  });
}

/** The dialog to add a session to cycle c (s null) or edit session s. */
function editSession(c, s) {
  formDialog({
    title: s ? t('sessionDialogEdit', { date: s.date }) : t('sessionDialogAdd', { n: c.number }),
    fields: [
      { name: 'date', label: t('sessionDate'), value: s ? s.date : '', disabled: !!s, required: true, placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}' },
      { name: 'title', label: t('title'), value: s ? s.title : '' },
    ],
    onSubmit: (v) => (s ? api.renameSession(s.id, v.title) : api.addSession({ cycle: c.number, date: v.date, title: v.title })),
    onDelete: s ? () => api.deleteSession(s.id) : null,
  });
}
