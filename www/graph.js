// The Graph tab's picture, loaded the first time the tab opens: its toolbar, filters and
// legend, and the SVG its layout worker (graph-worker.js) draws, put into the page as it comes
// (every text in it is escaped where it is written, src/graph/render.rs), with pan, zoom, fit,
// search, selection and downloads. A graph too big for the browser to draw as SVG fast is drawn
// on a canvas instead (./graph-canvas.js), with one hidden button per node for the keyboard and
// screen readers. The page's own code (src/ui/graph_panel.rs) gives it the graph
// and the words to say, and handles a click or Enter on a node.
import * as canvas from "./graph-canvas.js";

let worker = null;
let seq = 0;
let root = null;
let el = null;
// The SVG drawn, or the scene on the canvas (graph-canvas.js): one of them.
let text = "";
let scene = null;
let paper = null;
let keys = null;
// The scene `keys` were made for: they follow it once it is painted.
let keysOf = null;
let restoring = false;
let marks = { sel: new Set(), hit: new Set(), focus: -1 };
let queued = false;
let exports = new Map();
let exportSeq = 0;
let view = { x: 0, y: 0, k: 1 };
let selected = "";
let query = "";
let sent = 0;
let words = "";
let T = {};
let wire = "";
let options = { namespace: "", kind: "", collapse: false };

/// Past this many nodes the picture is drawn on a canvas.
const CANVAS_OVER = 200;

function worker_() {
  if (!worker) {
    worker = new Worker(new URL("./graph-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (e) => {
      const d = e.data || {};
      const wait = exports.get(d.id);
      if (wait) {
        exports.delete(d.id);
        wait(d.svg || "");
      } else answer(d);
    };
    worker.onerror = (e) => fail(String(e.message || "the layout worker failed"));
  }
  return worker;
}

function fail(message) {
  if (!el) return;
  el.dataset.state = "error";
  el.textContent = "";
  const p = document.createElement("p");
  p.className = "graph-error";
  p.textContent = message;
  el.append(p);
}

function make(tag, props = {}, kids = []) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") n.textContent = v;
    else if (k === "cls") n.className = v;
    else n.setAttribute(k, v);
  }
  n.append(...kids);
  return n;
}

/// The toolbar, notes, canvas and legend, in the words of `T`.
function chrome() {
  root.textContent = "";
  const select = (cls, label) => make("label", {}, [label, make("select", { cls })]);
  const button = (act, label, name) => make("button", name ? { "data-do": act, "aria-label": name, title: name, text: label } : { "data-do": act, text: label });
  const tools = make("div", { cls: "graph-tools", role: "toolbar", "aria-label": T.label }, [
    select("g-ns", T.namespace),
    select("g-kind", T.kind),
    make("input", { type: "search", cls: "graph-search", placeholder: T.search, "aria-label": T.search }),
    make("span", { cls: "graph-found", role: "status" }),
    make("label", { cls: "graph-collapse" }, [make("input", { type: "checkbox", cls: "g-collapse" }), T.collapse]),
    button("fit", T.fit),
    button("in", "+", T.zoomIn),
    button("out", "−", T.zoomOut),
    button("svg", T.svg),
    button("png", T.png),
  ]);
  const legend = make("details", { cls: "graph-legend" }, [
    make("summary", { text: T.links }),
    make("ul", {}, (T.legend || []).map(([cls, label]) => make("li", {}, [make("span", { cls: `swatch ${cls}` }), label]))),
  ]);
  el = make("div", { cls: "graph-canvas", tabindex: "0", role: "region", "aria-label": T.label, "aria-describedby": "graph-help", "data-drawing": T.drawing });
  root.append(
    tools,
    make("p", { cls: "graph-note g-static", text: T.static, hidden: "" }),
    make("p", { cls: "graph-note g-truncated", text: T.truncated, hidden: "" }),
    make("p", { cls: "empty g-empty", text: T.empty, hidden: "" }),
    el,
    make("p", { cls: "graph-help", id: "graph-help", text: T.help }),
    legend,
  );
  text = "";
  scene = null;
  tools.querySelector(".g-ns").addEventListener("change", (e) => { options.namespace = e.target.value; send(); });
  tools.querySelector(".g-kind").addEventListener("change", (e) => { options.kind = e.target.value; send(); });
  const box = tools.querySelector(".g-collapse");
  box.checked = options.collapse;
  box.addEventListener("change", () => { options.collapse = box.checked; send(); });
  tools.querySelector(".graph-search").addEventListener("input", (e) => {
    const n = search(e.target.value);
    tools.querySelector(".graph-found").textContent = query ? T.found.replace("{n}", String(n)) : "";
  });
  tools.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-do]");
    if (!b) return;
    const act = b.dataset.do;
    if (act === "fit") fit();
    else if (act === "in") zoom(1.25);
    else if (act === "out") zoom(0.8);
    else if (act === "svg") picture().then((svg) => svg && save("kubeplay-graph.svg", new Blob([standalone(svg)], { type: "image/svg+xml" })));
    else if (act === "png") picture().then((svg) => svg && png(svg, "kubeplay-graph.png"));
  });
  listen(el);
}

/// Draws `graph` (Graph::to_wire) in `container`, saying what `texts` says (JSON: the words as
/// [key, text] pairs, then the legend's [class, text] pairs); `manifest`:
/// it is the manifest's graph, nothing applied yet.
export function draw(container, graph, texts, manifest) {
  if (root !== container || words !== texts) {
    root = container;
    words = texts;
    const [pairs, legend] = JSON.parse(texts);
    T = Object.fromEntries(pairs);
    T.legend = legend;
    chrome();
  }
  wire = graph;
  root.querySelector(".g-static").hidden = !manifest || !graph;
  const empty = !graph;
  root.querySelector(".g-empty").hidden = !empty;
  el.hidden = empty;
  if (!empty) send();
}

function send() {
  const id = ++seq;
  sent = performance.now();
  el.dataset.state = "drawing";
  worker_().postMessage({ id, wire, options: { ...options, stack: T.stack, label: T.label, cluster: T.cluster, canvasOver: CANVAS_OVER } });
}

function fill(cls, values, current, blank) {
  const s = root.querySelector(cls);
  const want = ["", ...values];
  if (s.options.length === want.length && [...s.options].every((o, i) => o.value === want[i])) return;
  s.textContent = "";
  for (const v of want) {
    s.append(make("option", { value: v, text: v === "" ? T.all : v || blank }));
  }
  s.value = want.includes(current) ? current : "";
}

function answer({ id, answer: reply, numbers, error, ms, load }) {
  if (id !== seq || !el) return; // a newer graph is on its way
  if (error) return fail(error);
  // Three lines, then the picture.
  const lines = [];
  let at = 0;
  for (let i = 0; i < 3; i++) {
    const nl = reply.indexOf("\n", at);
    lines.push(reply.slice(at, nl));
    at = nl + 1;
  }
  const body = reply.slice(at);
  // The cluster-scoped objects are no namespace to pick: every choice keeps those it links to.
  fill(".g-ns", lines[0] ? lines[0].split("\t").filter(Boolean) : [], options.namespace, T.cluster);
  fill(".g-kind", lines[1] ? lines[1].split("\t") : [], options.kind, "");
  root.querySelector(".g-truncated").hidden = lines[2].split(" ")[2] !== "1";
  const first = !text && !scene;
  if (body.startsWith("canvas\n")) {
    showScene(canvas.parse(body.slice(7), numbers || new Float32Array(0)), first);
  } else {
    showSvg(body, first);
  }
  mark(selected, "sel");
  if (query) search(query);
  el.dataset.layoutMs = ms.toFixed(1);
  el.dataset.loadMs = (load || 0).toFixed(1);
  // Asked to drawn (on the canvas, or put into the page as SVG), before the browser's next frame.
  el.dataset.workMs = (performance.now() - sent).toFixed(1);
  el.dataset.mode = scene ? "canvas" : "svg";
  // Drawn once the browser has painted it: the task after the next frame's.
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      if (id !== seq) return;
      el.dataset.drawMs = (performance.now() - sent).toFixed(1);
      el.dataset.state = "drawn";
      ensureKeys();
    };
    ch.port2.postMessage(0);
  });
}

/// The node with the keyboard's focus, by its key, to focus again once it is drawn anew.
function focused() {
  const a = document.activeElement;
  return a && el && el.contains(a) && a.dataset && a.dataset.kind !== undefined ? keyOf(a) : "";
}

function refocus(key, nodes) {
  if (!key) return;
  const n = [...nodes].find((n) => keyOf(n) === key);
  if (!n) return;
  restoring = true;
  n.focus({ preventScroll: true });
  restoring = false;
}

/// The hidden buttons of the scene on the canvas, made after it is painted (thousands of them
/// take the browser longer to lay out than the picture takes to draw).
function ensureKeys() {
  if (!scene || keysOf === scene) return;
  const had = focused();
  const box = canvas.buttons(scene, T.label);
  if (keys) keys.replaceWith(box);
  else el.append(box);
  keys = box;
  keysOf = scene;
  refocus(had, box.children);
  el.dataset.keys = String(scene.nodes.length);
}

function showSvg(svg, first) {
  const had = focused();
  scene = null;
  keys = null;
  keysOf = null;
  paper = null;
  delete el.dataset.keys;
  text = svg;
  // Zoomed out past reading, the words are not laid out at all: most of what a big graph costs
  // the browser to draw.
  if (first) {
    const m = /width="([\d.]+)" height="([\d.]+)"/.exec(svg.slice(0, 400));
    if (m) el.classList.toggle("far", fitScale(Number(m[1]), Number(m[2])) < FAR);
  }
  const before = first ? new Map() : places();
  el.innerHTML = svg;
  const s = el.querySelector("svg");
  if (s) s.style.transformOrigin = "0 0";
  refocus(had, el.querySelectorAll("g.n"));
  glide(before);
  if (first) fit();
  else place();
}

/// Where each node of the SVG shown is (its transform), by key.
function places() {
  const at = new Map();
  for (const n of el.querySelectorAll("g.n")) at.set(keyOf(n), n.getAttribute("transform") || "");
  return at;
}

/// A node's transform attribute as CSS.
const css = (t) => t.replace(/translate\(([-\d.]+),([-\d.]+)\)/, "translate($1px, $2px)");

/// The change shown as a change: nodes that stay glide from where they were to where they are,
/// new ones and the links fade in (unless the person asked for less motion).
function glide(before) {
  let moved = 0;
  let entered = 0;
  const go = [];
  if (before.size && !matchMedia("(prefers-reduced-motion: reduce)").matches) {
    for (const n of el.querySelectorAll("g.n")) {
      const was = before.get(keyOf(n));
      const now = n.getAttribute("transform") || "";
      if (was === undefined) {
        entered++;
        n.style.opacity = "0";
        go.push(n);
      } else if (was !== now) {
        moved++;
        n.style.transform = css(was);
        go.push(n);
      }
    }
  }
  el.dataset.moved = String(moved);
  el.dataset.entered = String(entered);
  if (!go.length) return;
  const links = el.querySelector("g.edges");
  if (links) {
    links.style.opacity = "0";
    go.push(links);
  }
  // The starting look applied, then the way to the end.
  void getComputedStyle(go[0]).opacity;
  for (const n of go) {
    n.style.transition = "transform 300ms ease-out, opacity 300ms ease-in";
    n.style.opacity = "";
    if (n.style.transform) n.style.transform = css(n.getAttribute("transform") || "");
  }
  setTimeout(() => {
    for (const n of go) if (n.isConnected) n.removeAttribute("style");
  }, 400);
}

function showScene(next, first) {
  text = "";
  scene = next;
  marks = { sel: new Set(), hit: new Set(), focus: -1 };
  if (!paper) {
    el.textContent = "";
    el.classList.remove("far");
    paper = document.createElement("canvas");
    paper.className = "graph-paper";
    paper.setAttribute("aria-hidden", "true");
    paper.style.cssText = "position:absolute;top:0;left:0";
    el.append(paper);
  }
  if (first) fit();
  queued = false;
  paintNow();
}

/// The picture as one SVG document: the one shown, or the canvas's graph drawn as SVG.
function picture() {
  if (text) return Promise.resolve(text);
  if (!scene) return Promise.resolve("");
  // Its own numbering (below zero), apart from the graphs asked for.
  const id = -++exportSeq;
  return new Promise((resolve) => {
    exports.set(id, resolve);
    worker_().postMessage({ id, export: true });
  });
}

function paintNow() {
  if (!scene || !paper) return;
  const t0 = performance.now();
  canvas.paint(paper, scene, view, el.clientWidth || 600, el.clientHeight || 400, marks);
  el.dataset.paintMs = (performance.now() - t0).toFixed(1);
}

/// Paints at the next frame, however many times it is asked before.
function repaint() {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    if (!queued) return;
    queued = false;
    paintNow();
  });
}

function svgEl() {
  return el && el.querySelector("svg");
}

/// Below this scale the words are hidden.
const FAR = canvas.FAR;

function place() {
  if (scene) return repaint();
  const s = svgEl();
  if (s) s.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.k})`;
  if (el) el.classList.toggle("far", view.k < FAR);
}

function fitScale(w, h) {
  return Math.min((el.clientWidth || 600) / w, (el.clientHeight || 400) / h, 1.25);
}

function size(s) {
  return { w: Number(s.getAttribute("width")) || 1, h: Number(s.getAttribute("height")) || 1 };
}

/// The picture's size, margins included.
function dims() {
  if (scene) return { w: scene.w || 1, h: scene.h || 1 };
  const s = svgEl();
  return s ? size(s) : null;
}

function fit() {
  const d = dims();
  if (!d) return;
  const { w, h } = d;
  const cw = el.clientWidth || 600;
  const ch = el.clientHeight || 400;
  const k = fitScale(w, h);
  view = { k, x: (cw - w * k) / 2, y: Math.max(0, (ch - h * k) / 2) };
  place();
}

function zoom(by, cx, cy) {
  const k = Math.min(4, Math.max(0.02, view.k * by));
  const px = cx ?? (el.clientWidth || 600) / 2;
  const py = cy ?? (el.clientHeight || 400) / 2;
  view = { k, x: px - ((px - view.x) * k) / view.k, y: py - ((py - view.y) * k) / view.k };
  place();
}

/// Brings a node (an SVG node, or a scene's node index) into view, centred; `read`: near enough
/// to read it.
function reveal(node, read) {
  if (read && view.k < 1) view.k = 1;
  let x;
  let y;
  if (scene) {
    const n = scene.nodes[node];
    if (!n) return;
    x = n.x + scene.pad + scene.nodeW / 2;
    y = n.y + scene.pad + scene.nodeH / 2;
  } else {
    const t = node.getAttribute("transform") || "";
    const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(t);
    if (!m) return;
    const vb = (svgEl().getAttribute("viewBox") || "0 0").split(" ").map(Number);
    x = Number(m[1]) + 92 - vb[0];
    y = Number(m[2]) + 23 - vb[1];
  }
  view.x = el.clientWidth / 2 - x * view.k;
  view.y = el.clientHeight / 2 - y * view.k;
  place();
}

const keyOf = (n) => `${n.kind || n.dataset.kind}/${n.ns ?? n.dataset.ns}/${n.name ?? n.dataset.name}`;

function mark(key, cls) {
  if (!el) return;
  if (scene) {
    marks[cls] = new Set();
    if (key) scene.nodes.forEach((n, i) => keyOf(n) === key && marks[cls].add(i));
    return repaint();
  }
  for (const n of el.querySelectorAll(`g.n.${cls}`)) n.classList.remove(cls);
  if (!key) return;
  for (const n of el.querySelectorAll("g.n")) {
    if (keyOf(n) === key) n.classList.add(cls);
  }
}

function search(q) {
  query = q.trim().toLowerCase();
  if (!el) return 0;
  const hits = (name) => !!query && (name || "").toLowerCase().includes(query);
  if (scene) {
    marks.hit = new Set();
    scene.nodes.forEach((n, i) => hits(n.name) && marks.hit.add(i));
    const [first] = marks.hit;
    if (first !== undefined) reveal(first, true);
    repaint();
    return marks.hit.size;
  }
  let found = 0;
  let first = null;
  for (const n of el.querySelectorAll("g.n")) {
    const hit = hits(n.dataset.name);
    n.classList.toggle("hit", hit);
    if (hit) {
      found++;
      first = first || n;
    }
  }
  if (first) reveal(first, true);
  return found;
}

function save(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/// The picture as a file: each link's reason made its <title>, the tooltip a viewer shows.
function standalone(svg) {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const title = (n, said) => {
    const t = doc.createElementNS("http://www.w3.org/2000/svg", "title");
    t.textContent = said;
    n.prepend(t);
  };
  for (const p of doc.querySelectorAll("path.e[data-why]")) title(p, p.getAttribute("data-why"));
  for (const n of doc.querySelectorAll("g.n[aria-label]")) title(n, n.getAttribute("aria-label"));
  return new XMLSerializer().serializeToString(doc);
}

function png(svg, name) {
  const m = /width="([\d.]+)" height="([\d.]+)"/.exec(svg.slice(0, 400));
  if (!m) return;
  const w = Number(m[1]) || 1;
  const h = Number(m[2]) || 1;
  // Canvases past 16k pixels a side fail: a big graph is drawn smaller.
  const scale = Math.min(2, 16000 / w, 16000 / h);
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  img.onload = () => {
    const c = document.createElement("canvas");
    c.width = Math.max(1, Math.floor(w * scale));
    c.height = Math.max(1, Math.floor(h * scale));
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, c.width, c.height);
    g.drawImage(img, 0, 0, c.width, c.height);
    URL.revokeObjectURL(url);
    c.toBlob((b) => b && save(name, b), "image/png");
  };
  img.src = url;
}

/// What the page asks of the picture: `select` a node's key.
export function cmd(what, arg) {
  if (what === "select") {
    selected = arg;
    mark(arg, "sel");
  }
  return 0;
}

function listen(c) {
  let drag = null;
  // Two fingers on a touch screen zoom, about the point between them.
  const touches = new Map();
  let pinch = null;
  const spread = () => {
    const [a, b] = [...touches.values()];
    return { d: Math.hypot(a.x - b.x, a.y - b.y) || 1, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  };
  c.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (touches.size === 2) {
      pinch = { ...spread(), k: view.k, vx: view.x, vy: view.y };
      drag = null;
      return;
    }
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  });
  c.addEventListener("pointermove", (e) => {
    if (touches.has(e.pointerId)) touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch && touches.size === 2) {
      const now = spread();
      const r = c.getBoundingClientRect();
      const k = Math.min(4, Math.max(0.02, (pinch.k * now.d) / pinch.d));
      // The point under the fingers' first middle stays under their middle now.
      const px = pinch.x - r.left;
      const py = pinch.y - r.top;
      view = { k, x: now.x - r.left - ((px - pinch.vx) * k) / pinch.k, y: now.y - r.top - ((py - pinch.vy) * k) / pinch.k };
      place();
      c.dataset.dragged = "1";
      return;
    }
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) c.setPointerCapture(e.pointerId);
    drag.moved = true;
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    place();
  });
  const end = (e) => {
    touches.delete(e.pointerId);
    if (touches.size < 2) pinch = null;
    if ((drag && drag.moved) || c.dataset.dragged) {
      // The click that ends a drag or a pinch selects nothing.
      c.dataset.dragged = "1";
      setTimeout(() => delete c.dataset.dragged, 0);
    }
    drag = null;
  };
  c.addEventListener("pointerup", end);
  c.addEventListener("pointercancel", end);
  c.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = c.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  c.addEventListener("keydown", (e) => {
    const step = 60;
    const keys = {
      "+": () => zoom(1.25), "=": () => zoom(1.25), "-": () => zoom(0.8), "0": () => fit(),
      ArrowLeft: () => { view.x += step; place(); }, ArrowRight: () => { view.x -= step; place(); },
      ArrowUp: () => { view.y += step; place(); }, ArrowDown: () => { view.y -= step; place(); },
    };
    const f = keys[e.key];
    if (f && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      f();
    }
  });
  // Why a link is there, as the tooltip of the line under the pointer.
  c.addEventListener("pointerover", (e) => {
    if (scene) return;
    const p = e.target.closest && e.target.closest("path.e, g.n");
    if (p) c.title = p.dataset.why || p.getAttribute("aria-label") || "";
    else c.removeAttribute("title");
  });
  // On a canvas: what is under the pointer is found by its place.
  const under = (e) => {
    const r = c.getBoundingClientRect();
    const p = canvas.at(scene, view, e.clientX - r.left, e.clientY - r.top);
    const node = canvas.nodeAt(scene, p);
    return { node, edge: node < 0 ? canvas.edgeAt(scene, p, 5 / view.k) : -1 };
  };
  c.addEventListener("pointermove", (e) => {
    if (!scene || drag || pinch || e.target !== paper) return;
    const { node, edge } = under(e);
    const said = node >= 0 ? scene.nodes[node].label : edge >= 0 ? scene.edges[edge].why : "";
    if (said) c.title = said;
    else c.removeAttribute("title");
    c.style.cursor = node >= 0 ? "pointer" : "";
  });
  // A click on a node drawn on the canvas presses its button: the page hears it as a click on
  // the node (src/ui/graph_panel.rs).
  c.addEventListener("click", (e) => {
    if (!scene || e.target !== paper || c.dataset.dragged) return;
    const { node } = under(e);
    if (node < 0) return;
    ensureKeys();
    keys.children[node].click();
  });
  new ResizeObserver(() => scene && repaint()).observe(c);
  c.addEventListener("focusout", () => {
    if (scene && marks.focus >= 0) {
      marks.focus = -1;
      repaint();
    }
  });
  // A node reached with Tab comes into view.
  c.addEventListener("focusin", (e) => {
    if (scene) {
      const i = Number(e.target.dataset && e.target.dataset.i);
      if (keysOf !== scene || !Number.isInteger(i) || !scene.nodes[i]) return;
      marks.focus = i;
      const n = scene.nodes[i];
      const x = view.x + (n.x + scene.pad) * view.k;
      const y = view.y + (n.y + scene.pad) * view.k;
      const off = x < 0 || y < 0 || x + scene.nodeW * view.k > c.clientWidth || y + scene.nodeH * view.k > c.clientHeight;
      if (off && !restoring) reveal(i);
      else repaint();
      return;
    }
    const n = e.target.closest && e.target.closest("g.n");
    if (!n || restoring) return;
    const r = n.getBoundingClientRect();
    const b = c.getBoundingClientRect();
    if (r.left < b.left || r.right > b.right || r.top < b.top || r.bottom > b.bottom) reveal(n);
  });
}
