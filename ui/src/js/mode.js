// Which of the three views the main area shows: the document list, search results, or one
// document. Leaving the document view closes the PDF viewer (it holds the document's pages).

import { $ } from './dom.js';
import { MODE } from './model.js';
import { state, setMode } from './state.js';

export function showMode(mode) {
  if (state.mode === MODE.DOC && mode !== MODE.DOC && state.viewer) state.viewer.close();
  setMode(mode);
  $('list-view').hidden = mode !== MODE.LIST;
  $('search-view').hidden = mode !== MODE.SEARCH;
  $('doc-view').hidden = mode !== MODE.DOC;
  document.body.dataset.mode = mode;
}
