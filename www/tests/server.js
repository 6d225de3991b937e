// A static file server for the built page, on loopback only; used by the browser tests and the bench.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".svg": "image/svg+xml", ".json": "application/json",
};

// A request handler for the files under `root`, mounted at `prefix`; nothing outside `root` is served.
function handler(root, prefix) {
  const base = path.resolve(root);
  return (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end("not found");
      return;
    }
    const rel = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  };
}

// Serves `root` under `prefix` (to prove the build works from a sub-path) on a free loopback port;
// resolves to {url, close}.
export function serve(root, prefix = "/play/") {
  const server = http.createServer(handler(root, prefix));
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// `node server.js DIR PORT`: what `./dev.sh serve` runs.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || "dist";
  const port = Number(process.argv[3] || 8080);
  http.createServer(handler(root, "/")).listen(port, "127.0.0.1", () => {
    console.log(`kubeplay: serving ${root} on http://127.0.0.1:${port}/`);
  });
}
