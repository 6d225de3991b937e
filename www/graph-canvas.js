// A big graph drawn on a canvas (graph.js uses it past a few hundred nodes, where the browser
// takes too long to lay out and paint that much SVG). The scene comes from the layout worker as
// text and numbers (render::scene in src/graph/render.rs); it is drawn in the colours, dashes and
// shapes of the SVG (STYLE there), only what is on screen, and the words only near enough to
// read. Under the canvas lies one hidden button per node, which the keyboard and screen readers
// use, and which a click on the canvas presses.

/// How each kind of link is drawn: colour, width and dashes, as STYLE in render.rs says.
const LINK = {
  owns: ["#868e96", 1.4, []],
  selects: ["#1c7ed6", 1.4, []],
  "not-ready": ["#1c7ed6", 1.4, [6, 4]],
  miss: ["#d6336c", 2, [3, 3]],
  routes: ["#7048e8", 1.4, []],
  claims: ["#2f9e44", 1.4, []],
  binds: ["#2f9e44", 1.4, []],
  provisions: ["#2f9e44", 1.4, []],
  reads: ["#ae3ec9", 1.4, [2, 3]],
  "runs-on": ["#ced4da", 1, []],
  uses: ["#e8590c", 1.4, []],
  grants: ["#e8590c", 1.4, []],
  binding: ["#e8590c", 1.4, []],
};

/// A node's fill and outline by its tone; a ghost is a red dashed outline.
const TONE = {
  ok: ["#e6f6ea", "#2f9e44"],
  progress: ["#fff4db", "#e8a317"],
  bad: ["#fde8e8", "#d6336c"],
  done: ["#eef0f3", "#868e96"],
  plain: ["#fff", "#8a94a6"],
};
const GHOST = "ghost";

/// Below this scale the words are not drawn.
export const FAR = 0.35;

/// A node narrower on screen than this many pixels is drawn as a speck.
const SPECK = 16;

/// Below this scale dashes (under a pixel long) and arrowheads (two) are not drawn.
const FINE = 0.2;

/// A graph seen from so far that its nodes are specks: what a pixel shows is drawn once, in
/// screen pixels — each node a dot of its outline's colour, each link a straight hairline —,
/// whatever the number of objects behind it.
function paintFar(g, scene, ox, oy, k, cw, ch, dpr, marks) {
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  const sx = (x) => Math.round(ox + x * k);
  const sy = (y) => Math.round(oy + y * k);
  g.lineWidth = 1;
  g.strokeStyle = "#8a94a6";
  g.setLineDash([4, 3]);
  g.beginPath();
  for (const f of scene.frames) g.rect(sx(f.x) + 0.5, sy(f.y) + 0.5, Math.round(f.w * k), Math.round(f.h * k));
  g.stroke();
  g.setLineDash([]);
  const inside = (x, y) => x >= -2 && y >= -2 && x <= cw + 2 && y <= ch + 2;
  g.globalAlpha = 0.6;
  for (const [link, list] of Object.entries(scene.byLink)) {
    const seen = new Set();
    g.strokeStyle = LINK[link][0];
    g.beginPath();
    for (const i of list) {
      const pts = scene.edges[i].pts;
      for (let p = 0; p + 3 < pts.length; p += 2) {
        const ax = sx(pts[p]), ay = sy(pts[p + 1]), bx = sx(pts[p + 2]), by = sy(pts[p + 3]);
        if (!inside(ax, ay) && !inside(bx, by)) continue;
        const key = ((ax * 8209 + ay) * 8209 + bx) * 8209 + by;
        if (seen.has(key)) continue;
        seen.add(key);
        g.moveTo(ax + 0.5, ay + 0.5);
        g.lineTo(bx + 0.5, by + 0.5);
      }
    }
    g.stroke();
  }
  g.globalAlpha = 1;
  const w = Math.max(1, Math.round(scene.nodeW * k));
  const h = Math.max(1, Math.round(scene.nodeH * k));
  for (const [tone, list] of Object.entries(scene.byTone)) {
    const seen = new Set();
    g.fillStyle = tone === GHOST ? "#d6336c" : TONE[tone][1];
    g.beginPath();
    for (const i of list) {
      const n = scene.nodes[i];
      const x = sx(n.x), y = sy(n.y);
      if (!inside(x, y)) continue;
      const key = x * 8209 + y;
      if (seen.has(key)) continue;
      seen.add(key);
      g.rect(x, y, w, h);
    }
    g.fill();
  }
  // Selected, found and focused nodes are rings big enough to see from here.
  const ring = (set, colour) => {
    g.lineWidth = 2;
    for (const i of set) {
      const n = scene.nodes[i];
      if (!n) continue;
      g.strokeStyle = colour || TONE[n.tone][1];
      g.beginPath();
      g.arc(sx(n.x) + w / 2, sy(n.y) + h / 2, 7, 0, 2 * Math.PI);
      g.stroke();
    }
  };
  ring(marks.sel);
  ring(marks.hit, "#1c7ed6");
  if (marks.focus >= 0) ring([marks.focus], "#1c7ed6");
}

/// The scene of `body` (its text lines) and `num` (its numbers), as render::scene writes them.
export function parse(body, num) {
  const lines = body.split("\n");
  let li = 0;
  let at = 0;
  const next = () => num[at++];
  const linkNames = (lines[li++] || "").split("\t");
  const [w, h, pad, nodeW, nodeH, head] = [next(), next(), next(), next(), next(), next()];
  const frames = [];
  for (let i = 0, n = next(); i < n; i++) {
    frames.push({ name: lines[li++] || "", x: next(), y: next(), w: next(), h: next() });
  }
  const nodes = [];
  for (let i = 0, n = next(); i < n; i++) {
    const f = (lines[li++] || "").split("\t");
    nodes.push({
      tone: f[0] in TONE ? f[0] : "plain",
      ghost: (f[1] || "").includes("g"),
      stack: (f[1] || "").includes("s"),
      kind: f[2] || "", ns: f[3] || "", name: f[4] || "",
      badge: f[5] || "", title: f[6] || "", status: f[7] || "", label: f[8] || "",
      x: next(), y: next(),
    });
  }
  const edges = [];
  for (let i = 0, n = next(); i < n; i++) {
    const link = linkNames[next()] || "owns";
    const count = next();
    const pts = num.subarray(at, at + count * 2);
    at += count * 2;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let p = 0; p < pts.length; p += 2) {
      x0 = Math.min(x0, pts[p]); x1 = Math.max(x1, pts[p]);
      y0 = Math.min(y0, pts[p + 1]); y1 = Math.max(y1, pts[p + 1]);
    }
    edges.push({ why: lines[li++] || "", link: link in LINK ? link : "owns", pts, box: [x0, y0, x1, y1] });
  }
  // Drawn a kind of link at a time, and a tone at a time: one stroke for each.
  const byLink = {};
  edges.forEach((e, i) => (byLink[e.link] ||= []).push(i));
  const byTone = {};
  nodes.forEach((n, i) => (byTone[n.ghost ? GHOST : n.tone] ||= []).push(i));
  return { w, h, pad, nodeW, nodeH, head, frames, nodes, edges, byLink, byTone };
}

/// One visually hidden button per node, in the scene's order, named as the SVG's nodes are.
export function buttons(scene, label) {
  const box = document.createElement("div");
  box.className = "graph-keys";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", label);
  // Out of sight and of the page's layout: each button a box of its own, of no size.
  box.style.cssText = "position:absolute;top:0;left:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);contain:strict";

  for (let i = 0; i < scene.nodes.length; i++) {
    const n = scene.nodes[i];
    const b = document.createElement("button");
    b.type = "button";
    b.className = `n ${n.tone}${n.ghost ? " ghost" : ""}${n.stack ? " stack" : ""}`;
    b.dataset.kind = n.kind;
    b.dataset.ns = n.ns;
    b.dataset.name = n.name;
    b.dataset.i = String(i);
    b.setAttribute("aria-label", n.label);
    box.append(b);
  }
  // After the buttons, so that the node numbered i is the box's child i.
  const look = document.createElement("style");
  look.textContent = ".graph-keys>button{position:absolute;top:0;left:0;width:1px;height:1px;padding:0;border:0;margin:0;opacity:0}";
  box.append(look);
  return box;
}

/// The point of the picture (in layout units) under a point of the canvas.
export function at(scene, view, x, y) {
  return { x: (x - view.x) / view.k - scene.pad, y: (y - view.y) / view.k - scene.pad };
}

/// The node under `p` (layout units), or -1; the last drawn wins, as on screen.
export function nodeAt(scene, p) {
  for (let i = scene.nodes.length - 1; i >= 0; i--) {
    const n = scene.nodes[i];
    if (p.x >= n.x && p.x <= n.x + scene.nodeW && p.y >= n.y && p.y <= n.y + scene.nodeH) return i;
  }
  return -1;
}

/// The link passing within `tol` (layout units) of `p`, or -1.
export function edgeAt(scene, p, tol) {
  let best = -1;
  let bestD = tol * tol;
  scene.edges.forEach((e, i) => {
    const [x0, y0, x1, y1] = e.box;
    if (p.x < x0 - tol || p.x > x1 + tol || p.y < y0 - tol || p.y > y1 + tol) return;
    curve(e.pts, (cx1, cy1, cx2, cy2, ax, ay, bx, by) => {
      // Sampled along the curve: close enough for a pointer.
      for (let s = 0; s <= 12; s++) {
        const t = s / 12, u = 1 - t;
        const x = u * u * u * ax + 3 * u * u * t * cx1 + 3 * u * t * t * cx2 + t * t * t * bx;
        const y = u * u * u * ay + 3 * u * u * t * cy1 + 3 * u * t * t * cy2 + t * t * t * by;
        const d = (x - p.x) ** 2 + (y - p.y) ** 2;
        if (d < bestD) { bestD = d; best = i; }
      }
    });
  });
  return best;
}

/// Each piece of a link: a curve leaving and reaching its points vertically (render.rs `path`).
function curve(pts, f) {
  for (let p = 0; p + 3 < pts.length; p += 2) {
    const ax = pts[p], ay = pts[p + 1], bx = pts[p + 2], by = pts[p + 3];
    const my = (ay + by) / 2;
    f(ax, my, bx, my, ax, ay, bx, by);
  }
}

/// Draws `scene` on `canvas` (its CSS size `cw` × `ch`) as seen through `view` (screen = view +
/// (layout + pad) · k); `marks` are the node indexes selected, found and focused.
export function paint(canvas, scene, view, cw, ch, marks) {
  const dpr = window.devicePixelRatio || 1;
  const pw = Math.max(1, Math.round(cw * dpr));
  const ph = Math.max(1, Math.round(ch * dpr));
  if (canvas.width !== pw || canvas.height !== ph) {
    canvas.width = pw;
    canvas.height = ph;
    canvas.style.width = `${cw}px`;
    canvas.style.height = `${ch}px`;
  }
  const g = canvas.getContext("2d");
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.clearRect(0, 0, pw, ph);
  const k = view.k;
  const ox = view.x + scene.pad * k;
  const oy = view.y + scene.pad * k;
  g.setTransform(dpr * k, 0, 0, dpr * k, dpr * ox, dpr * oy);
  // What is on screen, in layout units, with a margin for outlines and arrows.
  const m = 12;
  const vx0 = -ox / k - m, vy0 = -oy / k - m, vx1 = (cw - ox) / k + m, vy1 = (ch - oy) / k + m;
  const seen = (x0, y0, x1, y1) => x1 >= vx0 && x0 <= vx1 && y1 >= vy0 && y0 <= vy1;
  const near = k >= FAR;
  const { nodeW: W, nodeH: H } = scene;
  if (W * k < SPECK) return paintFar(g, scene, ox, oy, k, cw, ch, dpr, marks);

  g.lineWidth = 1;
  g.strokeStyle = "#8a94a6";
  g.setLineDash([4, 3]);
  g.beginPath();
  for (const f of scene.frames) if (seen(f.x, f.y, f.x + f.w, f.y + f.h)) g.roundRect(f.x, f.y, f.w, f.h, 10);
  g.stroke();

  const arrows = new Path2D();
  const misses = [];
  for (const [link, list] of Object.entries(scene.byLink)) {
    const [colour, width, dash] = LINK[link];
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.setLineDash(k >= FINE ? dash : []);
    g.beginPath();
    for (const i of list) {
      const e = scene.edges[i];
      const [x0, y0, x1, y1] = e.box;
      if (e.pts.length < 4 || !seen(x0, y0, x1, y1)) continue;
      g.moveTo(e.pts[0], e.pts[1]);
      curve(e.pts, (cx1, cy1, cx2, cy2, ax, ay, bx, by) => g.bezierCurveTo(cx1, cy1, cx2, cy2, bx, by));
      // The arrowhead at the end, pointing the way the curve arrives (straight up or down).
      if (link === "miss") misses.push(e);
      if (k < FINE) continue;
      const n = e.pts.length;
      const tx = e.pts[n - 2], ty = e.pts[n - 1];
      const dir = ty >= e.pts[n - 3] ? 1 : -1;
      const s = 1.4 * 7 * 0.9;
      arrows.moveTo(tx, ty);
      arrows.lineTo(tx - s / 2, ty - s * dir);
      arrows.lineTo(tx + s / 2, ty - s * dir);
      arrows.closePath();
    }
    g.stroke();
  }
  g.setLineDash([]);
  g.fillStyle = "#868e96";
  g.fill(arrows);

  const marked = (i, set) => set && set.has(i);
  for (const [tone, list] of Object.entries(scene.byTone)) {
    const [fill, line] = tone === GHOST ? ["", "#d6336c"] : TONE[tone];
    const body = new Path2D();
    for (const i of list) {
      const n = scene.nodes[i];
      if (!seen(n.x, n.y - 8, n.x + W + 8, n.y + H)) continue;
      // A stack is three cards, the two behind showing at its top right.
      if (n.stack) for (const off of [8, 4]) body.roundRect(n.x + off, n.y - off, W, H, 8);
      body.roundRect(n.x, n.y, W, H, 8);
    }
    if (fill) {
      g.fillStyle = fill;
      g.fill(body);
    }
    g.strokeStyle = line;
    g.lineWidth = 1.5;
    g.setLineDash(tone === GHOST && k >= FINE ? [5, 3] : []);
    g.stroke(body);
  }
  g.setLineDash([]);
  // Selected, found and focused nodes stand out.
  const ring = (set, colour) => {
    if (!set || !set.size) return;
    g.lineWidth = 3.5;
    for (const i of set) {
      const n = scene.nodes[i];
      if (!n) continue;
      g.strokeStyle = colour || TONE[n.tone][1];
      g.beginPath();
      g.roundRect(n.x, n.y, W, H, 8);
      g.stroke();
    }
  };
  ring(marks.sel);
  ring(marks.hit, "#1c7ed6");
  if (marks.focus >= 0) ring(new Set([marks.focus]), "#1c7ed6");

  if (!near) return;
  g.textBaseline = "alphabetic";
  g.fillStyle = "#5b6575";
  g.font = "600 13px sans-serif";
  g.textAlign = "left";
  for (const f of scene.frames) if (seen(f.x, f.y, f.x + f.w, f.y + scene.head)) g.fillText(f.name, f.x + 12, f.y + scene.head - 10);
  const shown = scene.nodes.filter((n) => seen(n.x, n.y, n.x + W, n.y + H));
  g.font = "600 10px monospace";
  for (const n of shown) g.fillText(n.badge, n.x + 8, n.y + 15);
  g.font = "11px sans-serif";
  g.textAlign = "end";
  for (const n of shown) if (n.status) g.fillText(n.status, n.x + W - 8, n.y + 15);
  g.textAlign = "left";
  g.font = "12px sans-serif";
  g.fillStyle = "#1f2430";
  for (const n of shown) g.fillText(n.title, n.x + 8, n.y + 32);
  // A near miss says why on the line itself, as the SVG does.
  g.font = "11px sans-serif";
  g.fillStyle = "#d6336c";
  for (const e of misses) {
    const count = e.pts.length / 2;
    const mid = Math.floor(count / 2) - (count % 2 === 0 ? 1 : 0);
    const why = e.why.replace(/^miss: /, "");
    g.fillText(why.length > 90 ? `${why.slice(0, 89)}…` : why, e.pts[mid * 2] + 6, e.pts[mid * 2 + 1] + 4);
  }
}
