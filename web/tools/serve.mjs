// A small static server for dist/ on 127.0.0.1, used by `./landscape demo` and the browser tests.
// Serves .wasm as application/wasm (streaming compilation needs it) and can add a strict
// Content-Security-Policy header (--csp) the way a portal would.
//
//   node web/tools/serve.mjs --root dist --port 8080 [--csp]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname, resolve } from "node:path";

export const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' blob: data:; connect-src 'self'; font-src 'self' data:";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".wasm": "application/wasm",
  ".png": "image/png", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
};

// Starts a server; `routes` may answer special paths first (the tests' network faults).
export function startServer({ root, port = 0, host = "127.0.0.1", csp = false, routes = null }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://localhost");
      if (routes && (await routes(req, res, url))) return;
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
      let file = join(base, path);
      if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-store" };
      if (csp) headers["content-security-policy"] = typeof csp === "string" ? csp : STRICT_CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
  const server = await startServer({ root: arg("--root", "dist"), port: Number(arg("--port", 8080)), csp: process.argv.includes("--csp") });
  const { port } = server.address();
  console.log(`serving on http://127.0.0.1:${port}/`);
  process.on("SIGINT", () => { server.close(); process.exit(0); });
}
