// Pure logic of the records views (no DOM): the names of the values the shell sends for
// meetings and commitments, attendees grouped by role, and the layout of a commitment's
// timeline — where each step of its thread (plan, mentions, ratings, continuation) sits on a
// time axis, lane by lane for the commitments of one chain across cycles. Tested with
// `node --test tests/`.

/** An attendee's role (`attendees[].role`), in the order the meeting page lists them. */
export const ROLE = Object.freeze({ MEMBER: 'member', INVITED: 'invited', ABSENT: 'absent' });
export const ROLES = [ROLE.MEMBER, ROLE.INVITED, ROLE.ABSENT];

/** A step of a commitment's thread (`thread[].step`). */
export const STEP = Object.freeze({ PLAN: 'plan', MENTION: 'mention', RATING: 'rating', CONTINUATION: 'continuation' });

/** Attendees by role, each group in the protocol's order; roles the shell does not name go last as given. */
export function groupAttendees(attendees = []) {
  const groups = new Map(ROLES.map((r) => [r, []]));
  for (const a of attendees) {
    if (!groups.has(a.role)) groups.set(a.role, []);
    groups.get(a.role).push(a);
  }
  return [...groups].filter(([, list]) => list.length).map(([role, list]) => ({ role, list }));
}

/** `4.3` → [4, 3] (null when it is not one). */
export function parseCommitmentId(id) {
  const m = /^(\d+)\.(\d+)$/.exec(String(id ?? '').trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** Commitments in the order a plan lists them: by cycle, then number. */
export function sortCommitments(list = []) {
  return [...list].sort((a, b) => a.cycle - b.cycle || a.number - b.number);
}

// ---------- dates as days ----------

const DAY = 86400000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → days since 1970 (null when it is not a date). */
export function dayOf(iso) {
  const m = ISO.exec(iso ?? '');
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY : null;
}

export function isoOf(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * Where an entry of a thread sits in time: its document's date when it has one (`approx`
 * false); else, within its document's cycle, where such a step usually falls — a plan at the
 * cycle's start, a rating at its end (evaluations come after), a mention halfway (`approx`
 * true). Null when neither a date nor a known cycle says.
 */
export function placeEntry(entry, cycles = []) {
  const exact = dayOf(entry.date ?? entry.doc?.date);
  if (exact != null) return { day: exact, approx: false };
  const c = cycles.find((x) => x.number === entry.doc?.cycle);
  if (!c) return null;
  const start = Date.UTC(c.start_year, 0, 1) / DAY;
  const end = Date.UTC(c.end_year, 11, 31) / DAY;
  if (entry.step === STEP.PLAN || entry.step === STEP.CONTINUATION) return { day: start, approx: true };
  if (entry.step === STEP.RATING) return { day: end, approx: true };
  return { day: Math.round((start + end) / 2), approx: true };
}

/** Chain order: the commitments of one line of continuation, oldest cycle first, each once. */
export function chainOrder(threads) {
  const seen = new Map();
  for (const t of threads) if (t?.commitment && !seen.has(t.commitment.id)) seen.set(t.commitment.id, t);
  return [...seen.values()].sort((a, b) => a.commitment.cycle - b.commitment.cycle || a.commitment.number - b.commitment.number);
}

/** Default geometry of the timeline picture (SVG user units). */
export const TIMELINE = Object.freeze({ width: 860, left: 64, right: 24, top: 34, lane: 64, row: 15, bottom: 34, minGap: 13 });

/**
 * The timeline picture of a chain of commitments: `threads` are `{ commitment, thread }` as
 * the `commitment` command gives them (the selected one and those it continues or that
 * continue it). Returns the x range in days, year ticks, the cycle bands behind the marks, one
 * lane per commitment, a mark per placed entry (plan, mentions, ratings; marks closer than
 * `minGap` in a lane go on further rows), and a link per continuation between two lanes' plan
 * marks with the continuation entry at its middle. Entries that cannot be placed are left out
 * (the list beside the picture still has them).
 */
export function layoutTimeline(threads, cycles = [], geometry = {}) {
  const g = { ...TIMELINE, ...geometry };
  const chain = chainOrder(threads);
  const placed = [];
  chain.forEach(({ commitment, thread }, lane) => {
    for (const entry of thread || []) {
      if (entry.step === STEP.CONTINUATION) continue;
      const at = placeEntry(entry, cycles);
      if (at) placed.push({ lane, commitment: commitment.id, entry, ...at });
    }
  });
  const inChain = new Set(chain.map((t) => t.commitment.cycle));
  const bandCycles = cycles.filter((c) => inChain.has(c.number));
  const days = [
    ...placed.map((p) => p.day),
    ...bandCycles.flatMap((c) => [Date.UTC(c.start_year, 0, 1) / DAY, Date.UTC(c.end_year, 11, 31) / DAY]),
  ];
  if (!days.length) return { empty: true, width: g.width, height: g.top + g.bottom, lanes: [], marks: [], links: [], bands: [], ticks: [] };
  const fromYear = new Date(Math.min(...days) * DAY).getUTCFullYear();
  const toYear = new Date(Math.max(...days) * DAY).getUTCFullYear() + 1;
  const min = Date.UTC(fromYear, 0, 1) / DAY;
  const max = Date.UTC(toYear, 0, 1) / DAY;
  const x = (day) => g.left + ((day - min) / (max - min)) * (g.width - g.left - g.right);

  // Rows within each lane, so that close marks do not hide each other.
  const rowsOf = chain.map(() => []);
  const marks = placed
    .sort((a, b) => a.day - b.day || a.lane - b.lane)
    .map((p) => {
      const px = x(p.day);
      const rows = rowsOf[p.lane];
      let row = rows.findIndex((lastX) => px - lastX >= g.minGap);
      if (row < 0) row = rows.length;
      rows[row] = px;
      return { ...p, x: px, row, date: isoOf(p.day), step: p.entry.step };
    });
  // Row 0 on the lane's line, then one below, one above, two below, …
  const offset = (row) => (row % 2 ? (row + 1) / 2 : -row / 2);
  const extent = rowsOf.map((rows) => {
    const offs = rows.map((_, r) => offset(r));
    return { above: Math.max(0, ...offs.map((o) => -o)), below: Math.max(0, ...offs) };
  });
  const lanes = [];
  let y = g.top;
  chain.forEach((t, i) => {
    const { above, below } = extent[i];
    lanes.push({ id: t.commitment.id, title: t.commitment.title, top: y, y: y + g.lane / 2 + above * g.row });
    y += g.lane + (above + below) * g.row;
  });
  for (const m of marks) m.y = lanes[m.lane].y + offset(m.row) * g.row;

  const planOf = (id) => marks.find((m) => m.commitment === id && m.step === STEP.PLAN);
  const links = [];
  for (const { commitment, thread } of chain) {
    for (const entry of thread || []) {
      if (entry.step !== STEP.CONTINUATION) continue;
      const [a, b] = [planOf(commitment.id), planOf(entry.commitment)];
      if (!a || !b) continue;
      const [from, to] = a.day <= b.day ? [a, b] : [b, a];
      const key = `${from.commitment}>${to.commitment}`;
      if (links.some((l) => l.key === key)) continue;
      links.push({ key, from: from.commitment, to: to.commitment, x1: from.x, y1: from.y, x2: to.x, y2: to.y, mx: (from.x + to.x) / 2, my: (from.y + to.y) / 2, entry });
    }
  }

  const ticks = [];
  for (let yr = fromYear; yr <= toYear; yr += 1) ticks.push({ year: yr, x: x(Date.UTC(yr, 0, 1) / DAY) });
  const bands = bandCycles
    .map((c) => ({ cycle: c.number, from: c.start_year, to: c.end_year, x1: x(Date.UTC(c.start_year, 0, 1) / DAY), x2: x(Date.UTC(c.end_year, 11, 31) / DAY) }))
    .sort((a, b) => a.x1 - b.x1);
  return { empty: false, width: g.width, height: y + g.bottom, axisY: y + 4, lanes, marks, links, bands, ticks, left: g.left, right: g.width - g.right };
}

/** `text` cut at `ranges` ([start, end), in order): [{ text, hit }] pieces, hits marked. */
export function markPieces(text, ranges = []) {
  const out = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at) continue;
    if (a > at) out.push({ text: text.slice(at, a), hit: false });
    out.push({ text: text.slice(a, b), hit: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}
