import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLE, STEP, groupAttendees, placeEntry, layoutTimeline, parseCommitmentId, chainOrder, dayOf, isoOf } from '../src/js/records.js';

const cycles = [
  { number: 3, start_year: 2017, end_year: 2019 },
  { number: 4, start_year: 2020, end_year: 2021 },
  { number: 5, start_year: 2022, end_year: 2025 },
];
const doc = (id, cycle, date = null) => ({ doc_id: id, file_name: `d${id}.pdf`, cycle, date });

test('attendees are grouped member, invited, absent, each in the protocol order', () => {
  const a = [
    { person: 'A', role: ROLE.ABSENT },
    { person: 'B', role: ROLE.MEMBER },
    { person: 'C', role: ROLE.INVITED },
    { person: 'D', role: ROLE.MEMBER },
  ];
  const g = groupAttendees(a);
  assert.deepEqual(g.map((x) => x.role), ['member', 'invited', 'absent']);
  assert.deepEqual(g[0].list.map((x) => x.person), ['B', 'D']);
  assert.deepEqual(groupAttendees([{ person: 'E', role: 'member' }]).map((x) => x.role), ['member']);
  assert.deepEqual(groupAttendees([]), []);
});

test('commitment ids and dates', () => {
  assert.deepEqual(parseCommitmentId(' 4.3 '), [4, 3]);
  assert.equal(parseCommitmentId('LV0040'), null);
  assert.equal(isoOf(dayOf('2022-10-05')), '2022-10-05');
  assert.equal(dayOf('05.10.2022'), null);
});

test('an entry is placed at its date, else within its cycle by its step', () => {
  assert.deepEqual(placeEntry({ step: STEP.MENTION, date: '2022-10-05', doc: doc(1, 5, '2022-10-05') }, cycles), { day: dayOf('2022-10-05'), approx: false });
  assert.equal(isoOf(placeEntry({ step: STEP.PLAN, date: null, doc: doc(2, 4) }, cycles).day), '2020-01-01');
  assert.equal(isoOf(placeEntry({ step: STEP.RATING, date: null, doc: doc(3, 4) }, cycles).day), '2021-12-31');
  const mid = placeEntry({ step: STEP.MENTION, date: null, doc: doc(4, 4) }, cycles);
  assert.ok(mid.approx && mid.day > dayOf('2020-01-01') && mid.day < dayOf('2021-12-31'));
  assert.equal(placeEntry({ step: STEP.MENTION, date: null, doc: doc(5, null) }, cycles), null);
});

// The samples' commitment 4.3, continuing 3.3 (shapes as the `commitment` command gives them).
const c43 = {
  commitment: { id: '4.3', cycle: 4, number: 3, title: 'Lobēšanas atklātība', continues: '3.3' },
  thread: [
    { step: STEP.PLAN, commitment: '4.3', date: null, doc: doc(6, 4), page: 3 },
    { step: STEP.MENTION, commitment: '4.3', date: '2019-10-14', doc: doc(17, 4, '2019-10-14'), page: 1 },
    { step: STEP.MENTION, commitment: '4.3', date: '2022-10-05', doc: doc(14, 5, '2022-10-05'), page: 3 },
    { step: STEP.MENTION, commitment: '4.3', date: null, doc: doc(7, 4), page: 3 },
    { step: STEP.MENTION, commitment: '4.3', date: null, doc: doc(23, 4), page: 2 },
    { step: STEP.RATING, commitment: '4.3', date: null, doc: doc(23, 4), page: 2 },
    { step: STEP.CONTINUATION, commitment: '3.3', date: null, doc: doc(20, 3), page: 2 },
  ],
};
const c33 = {
  commitment: { id: '3.3', cycle: 3, number: 3, title: 'Lobēšanas atklātība', continued_by: '4.3' },
  thread: [
    { step: STEP.PLAN, commitment: '3.3', date: null, doc: doc(20, 3), page: 2 },
    { step: STEP.RATING, commitment: '3.3', date: null, doc: doc(8, 3), page: 3 },
    { step: STEP.CONTINUATION, commitment: '4.3', date: null, doc: doc(6, 4), page: 3 },
  ],
};

test('the chain is laid out oldest cycle first, one lane per commitment', () => {
  assert.deepEqual(chainOrder([c43, c33, c43]).map((t) => t.commitment.id), ['3.3', '4.3']);
  const t = layoutTimeline([c43, c33], cycles);
  assert.deepEqual(t.lanes.map((l) => l.id), ['3.3', '4.3']);
  assert.ok(t.lanes[0].y < t.lanes[1].y);
  assert.deepEqual(t.bands.map((b) => b.cycle), [3, 4]);
  assert.equal(t.ticks[0].year, 2017);
  assert.ok(t.ticks.at(-1).year >= 2023, 'the 2022 mention is inside the axis');
  // every placed entry is a mark; the continuation is a link, not a mark
  assert.equal(t.marks.length, 6 + 2);
  assert.ok(t.marks.every((m) => m.step !== STEP.CONTINUATION));
  assert.equal(t.links.length, 1);
  assert.equal(t.links[0].from, '3.3');
  assert.equal(t.links[0].to, '4.3');
  assert.ok(t.links[0].x1 < t.links[0].x2);
});

test('marks run left to right in date order and stay inside the picture', () => {
  const t = layoutTimeline([c43, c33], cycles);
  const byX = [...t.marks].sort((a, b) => a.x - b.x);
  for (let i = 1; i < byX.length; i += 1) assert.ok(byX[i - 1].date <= byX[i].date, `${byX[i - 1].date} before ${byX[i].date}`);
  for (const m of t.marks) assert.ok(m.x >= t.left && m.x <= t.right && m.y > 0 && m.y < t.height);
  const of43 = t.marks.filter((m) => m.commitment === '4.3');
  const plan = of43.find((m) => m.step === STEP.PLAN);
  const council = of43.find((m) => m.entry.doc.doc_id === 14);
  const rating = of43.find((m) => m.step === STEP.RATING);
  assert.ok(plan.x < rating.x && rating.x < council.x);
  assert.equal(plan.approx, true);
  assert.equal(council.approx, false);
});

test('marks too close in one lane go on separate rows', () => {
  const t = layoutTimeline([c43], cycles);
  // the mention and the rating of report 23 sit at nearly the same time
  const close = t.marks.filter((m) => m.entry.doc.doc_id === 23);
  assert.equal(close.length, 2);
  assert.notEqual(close[0].row, close[1].row);
  assert.notEqual(close[0].y, close[1].y);
  // the first row sits on the lane's line, the others around it, inside the lane
  const lane = t.lanes[0];
  for (const m of t.marks) {
    if (m.row === 0) assert.equal(m.y, lane.y);
    assert.ok(m.y > lane.top && m.y < t.axisY, `mark at ${m.y} outside its lane`);
  }
});

test('nothing to place gives an empty picture', () => {
  const t = layoutTimeline([{ commitment: { id: '9.1', cycle: 9, number: 1 }, thread: [{ step: STEP.PLAN, doc: doc(1, 9) }] }], cycles);
  assert.equal(t.empty, true);
});

test('a decision text is cut into marked and plain pieces', async () => {
  const { markPieces } = await import('../src/js/records.js');
  const { makeMatcher, matchRanges } = await import('../src/js/text.js');
  const text = 'sagatavot ieteikumus par līdzdalības budžetu (6. apņemšanās)';
  const pieces = markPieces(text, matchRanges(text, makeMatcher('lidzdalibas budzets')));
  assert.equal(pieces.map((p) => p.text).join(''), text);
  assert.deepEqual(pieces.filter((p) => p.hit).map((p) => p.text), ['līdzdalības', 'budžetu']);
  assert.deepEqual(markPieces('abc', []), [{ text: 'abc', hit: false }]);
});
