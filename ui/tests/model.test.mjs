import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSidebar, docsForView, viewKey, clickSelect, facetCounts } from '../src/js/model.js';

const cycles = [
  { number: 4, start_year: 2020, end_year: 2021, title: 'Ceturtais', documents: 1 },
  { number: 5, start_year: 2022, end_year: 2025, title: 'Piektais', documents: 3 },
  { number: 3, start_year: 2017, end_year: 2019, title: 'Trešais', documents: 0 },
];
const sessions = [
  { id: 1, cycle: 5, date: '2022-10-05', title: 'Padome', documents: 1 },
  { id: 2, cycle: 5, date: '2023-03-21', title: 'Padome', documents: 1 },
];
const docs = [
  { id: 1, cycle: 5, session: '2022-10-05', kind: 'protocol' },
  { id: 2, cycle: 5, session: '2023-03-21', kind: 'protocol' },
  { id: 3, cycle: 5, session: null, kind: 'plan' },
  { id: 4, cycle: 4, session: null, kind: 'plan' },
  { id: 5, cycle: null, session: null, kind: 'other' },
];
const trash = [{ id: 6, cycle: 5, session: null, kind: 'other' }];

test('sidebar: cycles newest first with session and without-session counts', () => {
  const sb = buildSidebar({ cycles, sessions, docs, trash });
  assert.equal(sb.total, 5);
  assert.deepEqual(sb.cycles.map((c) => c.number), [5, 4, 3]);
  const c5 = sb.cycles[0];
  assert.equal(c5.count, 3);
  assert.equal(c5.withoutSession, 1);
  assert.deepEqual(c5.sessions.map((s) => [s.date, s.count]), [['2023-03-21', 1], ['2022-10-05', 1]]);
  assert.equal(sb.cycles[2].count, 0);
  assert.equal(sb.noCycle, 1);
  assert.equal(sb.trash, 1);
  assert.deepEqual(sb.kinds.find((k) => k.kind === 'plan'), { kind: 'plan', count: 2 });
  assert.equal(sb.kinds.length, 7);
});

test('docsForView filters by each sidebar view', () => {
  const ids = (v) => docsForView(v, docs, trash).map((d) => d.id);
  assert.deepEqual(ids({ type: 'all' }), [1, 2, 3, 4, 5]);
  assert.deepEqual(ids({ type: 'cycle', cycle: 5 }), [1, 2, 3]);
  assert.deepEqual(ids({ type: 'session', date: '2023-03-21' }), [2]);
  assert.deepEqual(ids({ type: 'nosession', cycle: 5 }), [3]);
  assert.deepEqual(ids({ type: 'nocycle' }), [5]);
  assert.deepEqual(ids({ type: 'kind', kind: 'plan' }), [3, 4]);
  assert.deepEqual(ids({ type: 'trash' }), [6]);
  assert.equal(viewKey({ type: 'session', date: '2023-03-21' }), 'session:2023-03-21');
  assert.equal(viewKey({ type: 'cycle', cycle: 5 }), 'cycle:5');
});

test('selection: click, ctrl-click, shift-click', () => {
  const ids = [10, 11, 12, 13, 14];
  let r = clickSelect(ids, new Set(), null, 11, 'single');
  assert.deepEqual([...r.selected], [11]);
  r = clickSelect(ids, r.selected, r.anchor, 13, 'toggle');
  assert.deepEqual([...r.selected].sort(), [11, 13]);
  r = clickSelect(ids, r.selected, r.anchor, 13, 'toggle');
  assert.deepEqual([...r.selected], [11]);
  r = clickSelect(ids, new Set([12]), 12, 14, 'range');
  assert.deepEqual([...r.selected], [12, 13, 14]);
  r = clickSelect(ids, r.selected, r.anchor, 10, 'range');
  assert.deepEqual([...r.selected], [10, 11, 12]);
  assert.equal(r.anchor, 12);
  r = clickSelect(ids, new Set(), null, 13, 'range');
  assert.deepEqual([...r.selected], [13]);
});

test('facet pairs become a lookup', () => {
  const m = facetCounts([[5, 3], [null, 2]]);
  assert.equal(m.get('5'), 3);
  assert.equal(m.get(''), 2);
});
