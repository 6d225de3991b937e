// The editor: CodeMirror 6 with YAML, line numbers and inline diagnostics.
// The Rust app drives it through the functions exported here; it never reads the DOM itself.
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
  dropCursor, rectangularSelection, crosshairCursor, highlightActiveLine,
} from "@codemirror/view";
import { EditorState, Compartment } from "@codemirror/state";
import {
  foldGutter, indentOnInput, syntaxHighlighting, defaultHighlightStyle, bracketMatching, foldKeymap,
} from "@codemirror/language";
import { history, defaultKeymap, historyKeymap } from "@codemirror/commands";
import { oneDark } from "@codemirror/theme-one-dark";
import { yaml } from "@codemirror/lang-yaml";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";

// codemirror's basicSetup without autocompletion (no completion source is wired yet, and it
// is a tenth of the bundle) and so without its bracket closing. Search (Ctrl+F, F3, Ctrl+D, the
// other occurrences of the selection marked) comes in its own chunk, loaded when the editor is
// first focused: the first load carries none of it.
const setup = [
  lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(),
  drawSelection(), dropCursor(), EditorState.allowMultipleSelections.of(true), indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }), bracketMatching(),
  rectangularSelection(), crosshairCursor(), highlightActiveLine(),
  keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
];

let view = null;
const theme = new Compartment();
const label = new Compartment();
const search = new Compartment();
let searchLoading = null;
const loadSearch = () =>
  searchLoading ||
  (searchLoading = import("./editor-search.js").then(
    ({ highlightSelectionMatches, searchKeymap }) => {
      if (view) view.dispatch({ effects: search.reconfigure([highlightSelectionMatches(), keymap.of(searchKeymap)]) });
    },
    () => {
      // Not fetched (offline before it was ever loaded): the editor works without search.
      searchLoading = null;
    },
  ));
const labelled = (text) => EditorView.contentAttributes.of({ "aria-label": text });
// Looked up when the editor is made: this module is also loaded where there is no window (the
// simulator's worker imports the same bindings).
let darkQuery = null;
const themeFor = (dark) => (dark ? oneDark : []);

function clampPos(doc, line, col) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(l.from + Math.max(col - 1, 0), l.to);
}

// Creates the editor in `parent` with `text` and an accessible `label`; `onChange(text)` is
// called on every edit, `onCommand(name)` for the shortcuts ("apply", "share").
export function createEditor(parent, text, labelText, onChange, onCommand) {
  darkQuery = window.matchMedia("(prefers-color-scheme: dark)");
  // Follow the system's light/dark setting as it changes.
  darkQuery.addEventListener("change", (e) => {
    if (view) view.dispatch({ effects: theme.reconfigure(themeFor(e.matches)) });
  });
  const shortcuts = keymap.of([
    { key: "Mod-Enter", run: () => { onCommand("apply"); return true; } },
    { key: "Mod-s", run: () => { onCommand("share"); return true; }, preventDefault: true },
  ]);
  view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        shortcuts,
        setup,
        yaml(),
        theme.of(themeFor(darkQuery.matches)),
        lintGutter(),
        label.of(labelled(labelText)),
        search.of([]),
        EditorView.focusChangeEffect.of((_, focusing) => {
          if (focusing) loadSearch();
          return null;
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
}

// The editor's accessible label, when the page's language changes.
export function setLabel(text) {
  if (view) view.dispatch({ effects: label.reconfigure(labelled(text)) });
}

export function getText() {
  return view ? view.state.doc.toString() : "";
}

// Replaces the whole text (examples, shared links); fires onChange like an edit.
export function setText(text) {
  if (!view) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

// `json` is an array of {line, col, endLine, endCol, severity, message}.
export function showDiagnostics(json) {
  if (!view) return;
  const doc = view.state.doc;
  const list = JSON.parse(json).map((d) => {
    const from = clampPos(doc, d.line, d.col);
    let to = clampPos(doc, d.endLine, d.endCol);
    if (to <= from) {
      // Underline to the end of the word, or the line, when the span is a single point.
      const line = doc.lineAt(from);
      const rest = line.text.slice(from - line.from);
      const m = rest.match(/^\S+/);
      to = m ? from + m[0].length : line.to;
    }
    return { from, to: Math.max(to, from), severity: d.severity, message: d.message };
  });
  view.dispatch(setDiagnostics(view.state, list));
}

// Moves the cursor to a line and column and focuses the editor.
export function revealLines(from, to) {
  if (!view) return;
  const doc = view.state.doc;
  const line = (n) => doc.line(Math.min(Math.max(1, n), doc.lines));
  view.dispatch({ selection: { anchor: line(from).from, head: line(to).to }, scrollIntoView: true });
}

export function focusAt(line, col) {
  if (!view) return;
  const pos = clampPos(view.state.doc, line, col);
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  view.focus();
}
