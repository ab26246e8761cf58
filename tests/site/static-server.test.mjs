// The project's static server (scripts/static-server.mjs) serves its root and nothing else: requests that climb out
// of it — plainly, percent-encoded, into a sibling folder whose name starts with the root's name, or through a
// symbolic link — are refused, and files inside (even ones named like "..notes") are served.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isInside, startStaticServer } from '../../scripts/static-server.mjs';

let base;
let server;
before(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'aw-static-'));
  const root = path.join(base, 'dist');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(path.join(base, 'dist-secret'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>root</title>');
  await writeFile(path.join(root, 'sub', 'a.js'), 'export {};');
  await writeFile(path.join(root, '..notes.txt'), 'inside');
  await writeFile(path.join(base, 'dist-secret', 'secret.txt'), 'SECRET');
  await writeFile(path.join(base, 'outside.txt'), 'SECRET');
  await symlink(path.join(base, 'dist-secret'), path.join(root, 'link-out'));
  server = await startStaticServer(root);
});
after(async () => {
  await server?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

/** GET with the path sent exactly as written (fetch and new URL would normalise "..", which an attacker's client does not). */
function rawGet(rawPath) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, type: response.headers['content-type'], body }));
    });
    request.on('error', reject);
    request.end();
  });
}

test('serves files, folders as index.html, with content types', async () => {
  assert.deepEqual(await rawGet('/'), { status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>root</title>' });
  assert.equal((await rawGet('/sub/a.js')).type, 'text/javascript; charset=utf-8');
  assert.equal((await rawGet('/..notes.txt')).body, 'inside', 'a name that starts with ".." is still inside');
  assert.equal((await rawGet('/missing.js')).status, 404);
});

test('refuses every path that leaves the root, including a sibling folder with the same prefix', async () => {
  const attempts = [
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/..%2foutside.txt',
    '/sub/..%2f..%2foutside.txt',
    '/..%2fdist-secret/secret.txt',        // sibling: "<base>/dist-secret" starts with "<base>/dist"
    '/%2e%2e%2fdist-secret%2fsecret.txt',
    '/link-out/secret.txt',                // a symbolic link inside the root that points outside it
    '/%00',
    '/%E0%A4%A',                           // not decodable
  ];
  for (const attempt of attempts) {
    const { status, body } = await rawGet(attempt);
    assert.ok([400, 403, 404].includes(status), `${attempt} → ${status}`);
    assert.doesNotMatch(body, /SECRET/, attempt);
  }
});

test('isInside: a shared prefix is not containment', () => {
  assert.equal(isInside('/srv/dist', '/srv/dist'), true);
  assert.equal(isInside('/srv/dist', '/srv/dist/a/b.js'), true);
  assert.equal(isInside('/srv/dist', '/srv/dist/..notes'), true);
  assert.equal(isInside('/srv/dist', '/srv/dist-secret/x'), false);
  assert.equal(isInside('/srv/dist', '/srv/distx'), false);
  assert.equal(isInside('/srv/dist', '/srv'), false);
  assert.equal(isInside('/srv/dist', '/etc/passwd'), false);
});
