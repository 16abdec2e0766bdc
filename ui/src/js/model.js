// Pure view-model helpers (no DOM): the sidebar tree with counts, the document list for a
// sidebar view, and multi-selection with click / Ctrl-click / Shift-click.

export const KINDS = ['plan', 'protocol', 'presentation', 'evaluation', 'declaration', 'survey', 'other'];

/**
 * The sidebar: cycles newest first, each with its sessions (newest first) and the count of
 * its documents without a session; documents with no cycle; counts per kind; the trash.
 */
export function buildSidebar({ cycles = [], sessions = [], docs = [], trash = [] }) {
  const byCycle = new Map();
  const bySession = new Map();
  const byKind = new Map();
  let noCycle = 0;
  for (const d of docs) {
    if (d.cycle == null) noCycle += 1;
    else byCycle.set(d.cycle, (byCycle.get(d.cycle) || 0) + 1);
    if (d.session) bySession.set(d.session, (bySession.get(d.session) || 0) + 1);
    byKind.set(d.kind, (byKind.get(d.kind) || 0) + 1);
  }
  const withoutSession = new Map();
  for (const d of docs) {
    if (d.cycle != null && !d.session) withoutSession.set(d.cycle, (withoutSession.get(d.cycle) || 0) + 1);
  }
  const out = {
    total: docs.length,
    cycles: [...cycles]
      .sort((a, b) => b.start_year - a.start_year || b.number - a.number)
      .map((c) => ({
        number: c.number,
        start_year: c.start_year,
        end_year: c.end_year,
        title: c.title,
        count: byCycle.get(c.number) || 0,
        withoutSession: withoutSession.get(c.number) || 0,
        sessions: sessions
          .filter((s) => s.cycle === c.number)
          .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
          .map((s) => ({ id: s.id, date: s.date, title: s.title, count: bySession.get(s.date) || 0 })),
      })),
    noCycle,
    kinds: KINDS.map((k) => ({ kind: k, count: byKind.get(k) || 0 })),
    trash: trash.length,
  };
  return out;
}

/** The documents a sidebar view shows. Views: all, cycle, session, nosession, nocycle, kind, trash. */
export function docsForView(view, docs, trash) {
  switch (view.type) {
    case 'trash':
      return trash;
    case 'cycle':
      return docs.filter((d) => d.cycle === view.cycle);
    case 'session':
      return docs.filter((d) => d.session === view.date);
    case 'nosession':
      return docs.filter((d) => d.cycle === view.cycle && !d.session);
    case 'nocycle':
      return docs.filter((d) => d.cycle == null);
    case 'kind':
      return docs.filter((d) => d.kind === view.kind);
    default:
      return docs;
  }
}

/** A stable key for a view (for highlighting the current sidebar entry). */
export function viewKey(view) {
  switch (view.type) {
    case 'cycle':
    case 'nosession':
      return `${view.type}:${view.cycle}`;
    case 'session':
      return `session:${view.date}`;
    case 'kind':
      return `kind:${view.kind}`;
    default:
      return view.type;
  }
}

/**
 * Next selection after a click on `id` in `ids` (the list order).
 * mode: 'single' (plain click), 'toggle' (Ctrl/Cmd), 'range' (Shift).
 * Returns { selected: Set, anchor }.
 */
export function clickSelect(ids, selected, anchor, id, mode) {
  if (mode === 'toggle') {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next, anchor: id };
  }
  if (mode === 'range' && anchor != null && ids.includes(anchor)) {
    const a = ids.indexOf(anchor);
    const b = ids.indexOf(id);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return { selected: new Set(ids.slice(lo, hi + 1)), anchor };
  }
  return { selected: new Set([id]), anchor: id };
}

/** Facet pairs [[value, count], …] as a Map from the value's string form to its count. */
export function facetCounts(pairs) {
  const m = new Map();
  for (const [v, n] of pairs || []) m.set(v == null ? '' : String(v), n);
  return m;
}
