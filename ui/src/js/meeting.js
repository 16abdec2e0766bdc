// The meeting page (issue 15), reached from a session in the sidebar: what the archive read
// out of that day's protocol — date, kind, place, chair and secretary, the agenda with the
// decisions, action items and votes under each item, the attendees grouped as members,
// invited and absent — and the session's documents. Every item with a page opens the
// document view at that page.

import * as api from './api.js';
import { t } from './i18n.js';
import { $, h, fill, showError } from './dom.js';
import { MODE } from './model.js';
import { groupAttendees } from './records.js';
import { state } from './state.js';
import { showMode } from './mode.js';
import { openDocument } from './document.js';

/** The meeting shown last: { date, view } (view null when no protocol of that day was read). */
let shown = null;
let seq = 0;

/** `t(key)`, or `fallback` when there is no such string (a value the shell adds later). */
export function labelOr(key, fallback) {
  const s = t(key);
  return s === key ? fallback : s;
}

/** A clickable element that opens document `docId` at `page`. */
export function opensPage(tag, attrs, docId, page, ...children) {
  return h(
    tag,
    {
      ...attrs,
      class: `${attrs.class || ''} opens-page`,
      dataset: { ...(attrs.dataset || {}), doc: docId, page },
      title: t('openAtPage', { n: page }),
      tabindex: '0',
      onclick: (e) => {
        e.stopPropagation();
        openDocument(docId, { page });
      },
      onkeydown: (e) => {
        if (e.key === 'Enter') openDocument(docId, { page });
      },
    },
    ...children,
  );
}

const pageTag = (page) => h('span', { class: 'page-no' }, t('page', { n: page }));

/** Opens the meeting page of the session held on `date`. */
export async function openMeeting(date) {
  const mine = ++seq;
  showMode(MODE.MEETING);
  fill($('meeting-view'), h('div', { class: 'view-head' }, h('h1', { id: 'meeting-title' }, t('meetingTitle', { date }))));
  try {
    const view = await api.meeting(date);
    if (mine !== seq) return;
    shown = { date, view };
    renderMeeting();
  } catch (e) {
    showError(e);
  }
}

/** Shows the last meeting again (back from a document), in the interface's language. */
export function renderMeeting() {
  if (!shown) return;
  if (state.mode !== MODE.MEETING) showMode(MODE.MEETING);
  const { date, view } = shown;
  const root = $('meeting-view');
  root.dataset.date = date;
  if (!view) {
    fill(root, head(date, null), h('p', { class: 'empty' }, t('meetingNone')), documentsOf(sessionDocs(date)));
    return;
  }
  fill(
    root,
    head(date, view),
    facts(view),
    h(
      'div',
      { class: 'meeting-grid' },
      h('section', { class: 'meeting-agenda' }, h('h2', {}, t('agenda')), agenda(view), otherDecisions(view)),
      h('aside', { class: 'meeting-side' }, attendees(view), documentsOf(view.documents)),
    ),
  );
}

function head(date, view) {
  const kind = view?.kind ? h('span', { class: 'badge kind-protocol' }, labelOr(`meetingKind_${view.kind.replace(/-/g, '_')}`, view.kind)) : null;
  return h('div', { class: 'view-head' }, h('h1', { id: 'meeting-title' }, t('meetingTitle', { date })), kind);
}

function facts(view) {
  const fact = (label, value) => (value ? h('span', { class: 'fact' }, h('span', { class: 'muted' }, `${label}: `), value) : null);
  return h('p', { class: 'meeting-facts' }, fact(t('place'), view.place), fact(t('chair'), view.chair), fact(t('secretary'), view.secretary));
}

function decisionItem(d) {
  return opensPage(
    'li',
    { class: 'decision', dataset: { number: d.number || '', item: d.item } },
    d.doc.doc_id,
    d.page,
    d.number ? h('span', { class: 'dnum' }, d.number) : null,
    h('span', { class: 'dtext' }, d.text),
    pageTag(d.page),
  );
}

function agenda(view) {
  if (!view.agenda.length) return null;
  return h(
    'ol',
    { class: 'agenda' },
    ...view.agenda.map((a) =>
      h(
        'li',
        { class: 'agenda-item', dataset: { item: a.number } },
        opensPage('div', { class: 'ai-head' }, a.doc_id, a.page, h('span', { class: 'ai-num' }, `${a.number}.`), h('span', { class: 'ai-title' }, a.title), pageTag(a.page)),
        a.decisions.length ? h('ul', { class: 'decisions' }, ...a.decisions.map(decisionItem)) : null,
        a.actions.length
          ? h(
              'ul',
              { class: 'actions' },
              ...a.actions.map((x) =>
                opensPage(
                  'li',
                  { class: 'action' },
                  a.doc_id,
                  x.page,
                  h('span', { class: 'who' }, x.who),
                  ` — ${x.what}`,
                  x.deadline || x.deadline_text ? h('span', { class: 'deadline' }, ` ${t('deadline', { date: x.deadline || x.deadline_text })}`) : null,
                  pageTag(x.page),
                ),
              ),
            )
          : null,
        ...a.votes.map((v) =>
          opensPage('p', { class: 'vote' }, a.doc_id, v.page, t('votes', { for: v.for_count, against: v.against, abstained: v.abstained }), pageTag(v.page)),
        ),
      ),
    ),
  );
}

function otherDecisions(view) {
  if (!view.decisions.length) return null;
  return [h('h3', {}, t('otherDecisions')), h('ul', { class: 'decisions' }, ...view.decisions.map(decisionItem))];
}

function attendees(view) {
  const groups = groupAttendees(view.attendees);
  if (!groups.length) return null;
  return h(
    'section',
    { class: 'attendees' },
    h('h2', {}, t('attendees')),
    ...groups.map(({ role, list }) =>
      h(
        'div',
        { class: 'role-group', dataset: { role } },
        h('h3', {}, `${labelOr(`role_${role}`, role)} (${list.length})`),
        h(
          'ul',
          {},
          ...list.map((a) =>
            opensPage(
              'li',
              { class: 'attendee', dataset: { role: a.role, person: a.person } },
              a.doc.doc_id,
              a.page,
              h('span', { class: 'person' }, a.person),
              a.organisation ? h('span', { class: 'org' }, a.organisation) : null,
            ),
          ),
        ),
      ),
    ),
  );
}

/** The documents of the session: those the meeting names, else the session's in the list. */
function sessionDocs(date) {
  return state.docs.filter((d) => d.session === date).map((d) => ({ doc_id: d.id, file_name: d.file_name }));
}

function documentsOf(docs) {
  if (!docs?.length) return null;
  const titleOf = (id) => state.docs.find((d) => d.id === id)?.title;
  return h(
    'section',
    { class: 'meeting-docs' },
    h('h2', {}, t('sessionDocuments')),
    h(
      'ul',
      {},
      ...docs.map((d) =>
        opensPage('li', { class: 'meeting-doc' }, d.doc_id, 1, h('span', { class: 'doc-name' }, titleOf(d.doc_id) || d.file_name), h('small', { class: 'muted' }, d.file_name)),
      ),
    ),
  );
}
