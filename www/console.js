// The Console under the cluster view, loaded the first time it is opened: a prompt that runs
// kubectl over the simulated cluster, what each line printed (errors in red, a failing exit status
// said), the history kept across visits (↑/↓), Tab completion from the live store, here-documents
// typed line by line as a shell takes them (`> ` until the delimiter), Ctrl+L to clear and Ctrl+C
// to drop the line. A command that goes on as the clock runs (`get -w`, `rollout status`, `drain`)
// keeps printing into its entry, without a prompt, until it ends, Ctrl+C stops it or another line
// is run. Every text the user or the cluster wrote is set as text, never as markup.
//
// The page's app does the running: a line to run is sent as a `console-run` event on the
// console's element, a line to complete as `console-complete` (the line is the event's detail);
// the app answers with `answer` and `candidates`.

const HISTORY_KEY = "kubeplay.console.history";
// The most lines of history kept, and of entries shown.
const MAX_HISTORY = 100;
const MAX_ENTRIES = 200;

let ui = null;

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function loadHistory() {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
    return Array.isArray(h) ? h.filter((l) => typeof l === "string") : [];
  } catch {
    return [];
  }
}

function saveHistory(h) {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(h));
  } catch {
    // Storage is full or refused: the history lasts the visit.
  }
}

// The delimiter of the here-document a line opens, if it opens one (`<<EOF`, `<<-'EOF'`).
export function heredoc(line) {
  const m = /<<-?\s*(['"]?)([^\s'"]+)\1/.exec(line);
  return m ? m[2] : null;
}

// The line with its last word replaced by what the candidates share (and a space when only one
// fits), or null when they share no more than is typed.
export function completed(line, list) {
  if (!list.length) return null;
  let common = list[0];
  for (const c of list.slice(1)) {
    let n = 0;
    while (n < common.length && n < c.length && common[n] === c[n]) n++;
    common = common.slice(0, n);
  }
  const start = Math.max(line.lastIndexOf(" "), line.lastIndexOf("\t")) + 1;
  if (common.length < line.length - start) return null;
  return line.slice(0, start) + common + (list.length === 1 ? " " : "");
}

// Text with `code` between backticks (a doubled backtick is one backtick), as nodes.
function withCode(parent, text) {
  let part = "";
  let code = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "`") part += text[i];
    else if (text[i + 1] === "`") {
      part += "`";
      i++;
    } else {
      parent.append(code ? el("code", null, part) : document.createTextNode(part));
      part = "";
      code = !code;
    }
  }
  parent.append(document.createTextNode(part));
}

// Builds the console in `body` (emptied first), in the words `words` gives: { input, hint, exit }
// (`exit` with `{code}` where the status goes).
export function mount(body, words) {
  if (ui && ui.body === body) return ui.say(words);
  body.replaceChildren();
  const out = el("div", "console-out");
  out.setAttribute("role", "log");
  out.setAttribute("aria-live", "polite");
  const hint = el("p", "console-hint");
  withCode(hint, words.hint);
  out.append(hint);
  const shown = el("p", "console-candidates");
  shown.hidden = true;
  const promptRow = el("div", "console-prompt");
  const prompt = el("span", null, "$ ");
  prompt.setAttribute("aria-hidden", "true");
  const input = el("input", "console-input");
  input.setAttribute("aria-label", words.input);
  input.spellcheck = false;
  input.autocomplete = "off";
  promptRow.append(prompt, input);
  body.append(out, shown, promptRow);
  body.addEventListener("click", () => {
    if (!window.getSelection()?.toString()) input.focus();
  });

  const history = loadHistory();
  let cursor = history.length;
  // A here-document being typed: the text so far, its delimiter and the entry showing it.
  let doc = null;
  // Entries waiting for their answers, oldest first.
  const pending = [];
  // The entry of the command that goes on as the clock runs, if one does.
  let following = null;
  const follow = (e) => {
    following = e;
    prompt.textContent = doc ? "> " : e ? "" : "$ ";
  };

  const scroll = () => {
    out.scrollTop = out.scrollHeight;
  };
  const showCandidates = (list) => {
    shown.hidden = list.length < 2;
    shown.textContent = list.length < 2 ? "" : list.join("  ");
  };
  const entry = (line) => {
    hint.remove();
    const e = el("div", "console-entry");
    e.append(el("pre", "console-line", `$ ${line}`));
    out.append(e);
    while (out.querySelectorAll(".console-entry").length > MAX_ENTRIES) out.querySelector(".console-entry").remove();
    scroll();
    return e;
  };
  const send = (line) => {
    // Running a line ends the command that goes on, as Ctrl+C would.
    follow(null);
    const e = doc ? doc.entry : entry(line);
    e.classList.add("pending");
    pending.push(e);
    body.dispatchEvent(new CustomEvent("console-run", { detail: line }));
  };
  // `kubectl edit`: the object's text in a box under its entry; Save runs the line that saves it
  // with the text as its here-document, Cancel (or Escape) says what kubectl says.
  const editor = (e, line, text) => {
    const box = el("div", "console-edit");
    const area = el("textarea", "console-edit-text");
    area.value = text;
    area.spellcheck = false;
    area.rows = Math.min(24, text.split("\n").length + 1);
    area.setAttribute("aria-label", words.editText || "YAML");
    const save = el("button", "console-edit-save", words.editSave || "Save");
    const cancel = el("button", "console-edit-cancel", words.editCancel || "Cancel");
    const close = () => {
      box.remove();
      input.focus();
    };
    save.type = cancel.type = "button";
    save.addEventListener("click", () => {
      const body = area.value.replace(/\n*$/, "\n");
      // A delimiter no line of the text is.
      let end = "KUBEPLAY_EDIT";
      while (body.split("\n").includes(end)) end += "_";
      close();
      send(`${line} <<'${end}'\n${body}${end}`);
    });
    cancel.addEventListener("click", () => {
      close();
      print(e, "console-stdout", "Edit cancelled, no changes made.");
    });
    area.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") cancel.click();
      ev.stopPropagation();
    });
    box.append(area, el("div", "console-edit-buttons"));
    box.lastChild.append(save, cancel);
    e.after(box);
    area.focus();
  };
  // Text printed into an entry, after what it printed before in the same stream.
  const print = (e, cls, text) => {
    if (!text) return;
    const last = e.lastElementChild;
    if (last && last.className === cls) last.textContent += `\n${text.replace(/\n$/, "")}`;
    else e.append(el("pre", cls, text.replace(/\n$/, "")));
  };

  input.addEventListener("keydown", (ev) => {
    const line = input.value;
    if (ev.key === "Enter") {
      ev.preventDefault();
      showCandidates([]);
      input.value = "";
      if (doc) {
        doc.text += `\n${line}`;
        doc.entry.firstChild.textContent += `\n> ${line}`;
        if (line.replace(/^\t+/, "") === doc.delimiter) {
          const text = doc.text;
          send(text);
          doc = null;
          prompt.textContent = "$ ";
        }
        scroll();
        return;
      }
      if (!line.trim()) return;
      if (history[history.length - 1] !== line) history.push(line);
      history.splice(0, Math.max(0, history.length - MAX_HISTORY));
      saveHistory(history);
      cursor = history.length;
      const delimiter = heredoc(line);
      if (delimiter) {
        doc = { text: line, delimiter, entry: entry(line) };
        prompt.textContent = "> ";
      } else send(line);
    } else if (ev.key === "Tab") {
      ev.preventDefault();
      if (!doc) body.dispatchEvent(new CustomEvent("console-complete", { detail: line }));
    } else if (ev.key === "ArrowUp" || ev.key === "ArrowDown") {
      ev.preventDefault();
      cursor = Math.min(cursor, history.length);
      cursor = ev.key === "ArrowUp" ? Math.max(cursor - 1, 0) : Math.min(cursor + 1, history.length);
      input.value = history[cursor] ?? "";
    } else if (ev.ctrlKey && (ev.key === "l" || ev.key === "L")) {
      ev.preventDefault();
      for (const e of out.querySelectorAll(".console-entry:not(.pending)")) e.remove();
    } else if (ev.ctrlKey && (ev.key === "c" || ev.key === "C")) {
      // Ctrl+C with text selected copies, as everywhere; otherwise it stops the command that goes
      // on (an empty line ends it) or drops the line.
      if (input.selectionStart !== input.selectionEnd) return;
      ev.preventDefault();
      if (following) {
        print(following, "console-stdout", "^C");
        follow(null);
        // The empty line's answer says nothing: it goes to an entry that is not shown.
        pending.push(el("div"));
        body.dispatchEvent(new CustomEvent("console-run", { detail: "" }));
        return;
      }
      if (doc) doc.entry.remove();
      doc = null;
      prompt.textContent = "$ ";
      input.value = "";
      showCandidates([]);
    }
  });

  ui = {
    body,
    // The page's language changed: the words change, what was printed stays.
    say(w) {
      words = w;
      input.setAttribute("aria-label", w.input);
      hint.replaceChildren();
      withCode(hint, w.hint);
    },
    answer(stdout, stderr, code, follows, later, edit) {
      // What a command that goes on prints later belongs to its entry (gone if it was stopped).
      const e = later ? following : pending.shift() || entry("");
      if (!e) return;
      e.classList.remove("pending");
      print(e, "console-stdout", stdout);
      print(e, "console-stderr", stderr);
      if (edit) editor(e, edit[0], edit[1]);
      if (follows) {
        follow(e);
      } else {
        if (e === following) follow(null);
        e.dataset.code = String(code);
        if (code !== 0) e.append(el("p", "console-status", words.exit.replace("{code}", String(code))));
      }
      scroll();
    },
    candidates(list) {
      const line = completed(input.value, list);
      if (line !== null) input.value = line;
      showCandidates(list);
    },
  };
  input.focus();
}

// What the last line sent printed, and its exit status.
export function answer(stdout, stderr, code, follows = false, later = false, edit = null) {
  ui?.answer(stdout, stderr, code, follows, later, edit);
}

// The candidates for the last word of the line at the prompt.
export function candidates(list) {
  ui?.candidates(list);
}
