// Which view the main area shows: the document list, search results, one document, a
// meeting page or a cycle's commitments. Leaving the document view closes the PDF viewer (it holds the document's pages).

import { $ } from './dom.js';
import { MODE } from './model.js';
import { state, setMode } from './state.js';

export function showMode(mode) {
  if (state.mode === MODE.DOC && mode !== MODE.DOC && state.viewer) state.viewer.close();
  setMode(mode);
  $('list-view').hidden = mode !== MODE.LIST;
  $('search-view').hidden = mode !== MODE.SEARCH;
  $('doc-view').hidden = mode !== MODE.DOC;
  $('meeting-view').hidden = mode !== MODE.MEETING;
  $('commitments-view').hidden = mode !== MODE.COMMITMENTS;
  document.body.dataset.mode = mode;
}
