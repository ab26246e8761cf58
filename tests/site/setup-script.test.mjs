// scripts/setup.sh on machines unlike this one, simulated with stand-in commands first on PATH: a Node.js that is
// too old is refused first, with what to do, before anything is installed or sudo is asked for; an architecture
// with no pinned checksum stops before .deps/ is touched. And .gitattributes keeps a CRLF checkout buildable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs setup.sh with `commands` ({ name: shell body }) as executables ahead of the real PATH. */
async function runSetup(commands, env = {}) {
  const bin = await mkdtemp(path.join(os.tmpdir(), 'aw-setup-bin-'));
  try {
    for (const [name, body] of Object.entries(commands)) {
      await writeFile(path.join(bin, name), `#!/bin/sh\n${body}\n`);
      await chmod(path.join(bin, name), 0o755);
    }
    const result = spawnSync('bash', ['scripts/setup.sh'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` },
    });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    await rm(bin, { recursive: true, force: true });
  }
}

const neverCalled = (name) => `echo "${name} must not be called" >&2; exit 99`;

test('a Node.js older than 20.19 is refused first, with what to do, and nothing is installed', async () => {
  for (const version of ['18.19.0', '20.18.3', '20.9.0']) {
    const { status, output } = await runSetup({
      node: `echo ${version}`, sudo: neverCalled('sudo'), 'apt-get': neverCalled('apt-get'), npm: neverCalled('npm'),
    });
    assert.equal(status, 1, output);
    assert.match(output, new RegExp(`Node\\.js ${version.replace(/\./g, '\\.')} is too old \\(Vite needs >= 20\\.19\\.0\\)`));
    assert.match(output, /nvm install 22/);
    assert.doesNotMatch(output, /must not be called/);
  }
});

test('Node.js 20.19 and newer pass the check (written differently: 20.19.0, 22.1.0, 24.0.0)', async () => {
  for (const version of ['20.19.0', '22.1.0', '24.0.0']) {
    const { status, output } = await runSetup({ node: `echo ${version}` }, { AW_SKIP_SETUP: '1' });
    assert.equal(status, 0, output);
    assert.match(output, /AW_SKIP_SETUP=1/);
  }
});

test('an architecture without a pinned checksum stops with a clear message before .deps/ is touched', async () => {
  const stamp = path.join(root, '.deps/installed.lock');
  const before = await stat(stamp).then((s) => s.mtimeMs, () => null);
  const { status, output } = await runSetup({ dpkg: 'echo riscv64', sudo: neverCalled('sudo') });
  assert.equal(status, 1, output);
  assert.match(output, /pins no sha256 of libxsimd-dev 13\.2\.0-1 for this machine's architecture \(riscv64\)/);
  assert.match(output, /it pins: amd64 arm64/);
  assert.equal(await stat(stamp).then((s) => s.mtimeMs, () => null), before, '.deps/ untouched');
});

test('every header package pins a checksum for amd64 and arm64 (or one for "all")', async () => {
  const lines = (await readFile(path.join(root, 'scripts/deps.lock'), 'utf8')).split('\n').filter((l) => l.startsWith('header'));
  assert.ok(lines.length >= 4);
  for (const line of lines) {
    const archs = Object.fromEntries(line.split(/\s+/)[3].split(',').map((pin) => pin.split('=')));
    for (const sha of Object.values(archs)) assert.match(sha, /^[0-9a-f]{64}$/, line);
    assert.ok(archs.all || (archs.amd64 && archs.arm64), line);
  }
});

test('.gitattributes checks out scripts, sources and content with LF even where Git would write CRLF', () => {
  const files = ['scripts/setup.sh', 'scripts/deps.lock', 'scripts/test.mjs', 'web/content/en/01-what-is-attention.md',
    'cpp/src/softmax.cpp', 'CMakeLists.txt', 'package.json', 'tests/reference/reference.json', '.ci/run'];
  const output = execFileSync('git', ['check-attr', 'eol', 'text', '--', ...files], { cwd: root, encoding: 'utf8' });
  for (const file of files) {
    assert.match(output, new RegExp(`^${file.replace(/[.]/g, '\\.')}: eol: lf$`, 'm'), file);
  }
  const binary = execFileSync('git', ['check-attr', 'text', '--', 'x.png', 'x.wasm'], { cwd: root, encoding: 'utf8' });
  assert.match(binary, /x\.wasm: text: unset/);
  assert.match(binary, /x\.png: text: unset/);
});
