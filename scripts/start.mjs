// `npm start`: set-up, build the WebAssembly core and the site, then serve dist/ on 127.0.0.1 with the project's
// static server (scripts/static-server.mjs, the same one the tests use).
//
//   npm start                   serves on port 8080
//   npm start -- --port 9000    (or PORT=9000 npm start) another port
//
// Ctrl-C stops the server.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startStaticServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function readPort() {
  let values;
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' } } }));
  } catch (error) {
    console.error(`[start] ${error.message}\n  usage: npm start [-- --port 9000]`);
    process.exit(2);
  }
  const raw = values.port ?? process.env.PORT ?? '8080';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    console.error(`[start] --port must be a whole number from 1 to 65535, got '${raw}'`);
    process.exit(2);
  }
  return port;
}

const port = readPort();
for (const [command, args] of [['bash', ['scripts/setup.sh']], ['bash', ['scripts/build.sh', '--wasm', '--site']]]) {
  if (spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

// cors: a page on another local port (a course page being tried) may load dist/embed/ as the README describes.
const server = await startStaticServer(path.join(root, 'dist'), { port, cors: true }).catch((error) => {
  console.error(`[start] could not serve on 127.0.0.1:${port}: ${error.message}` +
    (error.code === 'EADDRINUSE' ? ` — the port is taken; try: npm start -- --port ${port + 1}` : ''));
  process.exit(1);
});
console.log(`\n  Attention Workshop is running at ${server.url}  (Ctrl-C stops it)\n`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
