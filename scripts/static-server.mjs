// The one static file server of the project: `npm start`, the browser tests and the site measurement all serve
// dist/ (or another folder) through it. It behaves like a plain static host — no COOP/COEP headers, no rewriting,
// index.html for a folder — and refuses every path that resolves outside its root, including a sibling folder
// whose name starts with the root's name (/srv/dist-secret is not inside /srv/dist).
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** True when `file` is `root` itself or lies inside it (a shared name prefix is not enough). */
export function isInside(root, file) {
  const relative = path.relative(root, file);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

/**
 * The file a request path names inside `root` (a folder gives its index.html), or an HTTP status when there is
 * none: 400 for a path that cannot be decoded, 403 for one that leaves the root (also through a symbolic link),
 * 404 for a missing file.
 */
export async function resolveRequest(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  let file = path.join(root, decoded);
  if (!isInside(root, file)) return { status: 403 };
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return { status: 404 };
  if (!isInside(root, await realpath(file))) return { status: 403 };
  return { status: 200, file, size: info.size };
}

/**
 * Serves `dir` on `host`:`port` (port 0: a free one). `onSent(file)` is told every file sent (the site measurement
 * counts bytes with it); `cors` adds `Access-Control-Allow-Origin: *`. Resolves to { url, port, server, close() }; `url` ends with '/'.
 */
export async function startStaticServer(dir, { port = 0, host = '127.0.0.1', onSent = () => {}, cors = false } = {}) {
  const root = await realpath(path.resolve(dir));
  const server = http.createServer(async (req, res) => {
    try {
      const { status, file, size } = await resolveRequest(root, new URL(req.url, 'http://x').pathname);
      if (status !== 200) {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${status}: ${req.url}`);
        return;
      }
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': size,
        'cache-control': 'no-store',
        // What a host of the embed bundle must send so that pages on other origins can load it (module scripts,
        // their imports and the wasm fetch are all CORS requests).
        ...(cors ? { 'access-control-allow-origin': '*' } : {}),
      });
      onSent(file);
      if (req.method === 'HEAD') { res.end(); return; }
      createReadStream(file).pipe(res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    server,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
