// The editor's search (Ctrl+F, F3, Ctrl+D, the selection's other occurrences marked): a chunk of
// its own, loaded when the editor is first focused (see `editor.js`).
export { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
