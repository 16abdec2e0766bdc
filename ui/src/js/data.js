// The archive's data as the sidebar and the list show it, all at once: fetched, sorted once
// (not on every render), put in the state, and published as 'data' for the screens to redraw.

import * as api from './api.js';
import { showError } from './dom.js';
import { sortDocs } from './model.js';
import { setData, dataChanged, publish } from './state.js';

const titleOrder = new Intl.Collator('lv');

/** Asks the shell for cycles, sessions, documents and the trash, all at once. */
export function fetchData() {
  return Promise.all([api.listCycles(), api.listSessions(), api.listDocuments(), api.listTrash()]);
}

/**
 * Reloads the data and redraws. `pending`: a fetchData() already under way; `onlyIfChanged`:
 * redraw only when the data changed (a background job refreshes often, and a list rebuilt
 * under the pointer would swallow a click).
 */
export async function refresh({ onlyIfChanged = false, pending = null } = {}) {
  try {
    const [cycles, sessions, docs, trash] = await (pending || fetchData());
    sortDocs(docs, titleOrder);
    sortDocs(trash, titleOrder);
    // For scripts/bench-app.sh: when the data for the first list arrived.
    performance.mark('ogp-data');
    setData({ cycles, sessions, docs, trash });
  } catch (e) {
    showError(e);
  }
  if (!dataChanged() && onlyIfChanged) return;
  publish('data');
}
