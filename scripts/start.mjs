// `npm start`: set-up, build the WebAssembly core and the site, then serve dist/ on 127.0.0.1.
//
//   npm start                   serves on port 8080
//   npm start -- --port 9000    (or PORT=9000 npm start) another port
//
// Ctrl-C stops the server.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function portFromArgs(args) {
  const index = args.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const raw = index < 0 ? process.env.PORT ?? '8080'
    : args[index].includes('=') ? args[index].split('=')[1] : args[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`[start] --port must be a whole number from 1 to 65535, got '${raw}'`);
    process.exit(2);
  }
  return port;
}

const port = portFromArgs(process.argv.slice(2));
for (const [command, args] of [['bash', ['scripts/setup.sh']], ['bash', ['scripts/build.sh', '--wasm', '--site']]]) {
  if (spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

// Vite is installed by the set-up above, so it is imported only now.
const { preview } = await import('vite');
const server = await preview({
  root,
  configFile: path.join(root, 'vite.config.js'),
  preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  logLevel: 'warn',
}).catch((error) => {
  console.error(`[start] could not serve on 127.0.0.1:${port}: ${error.message}` +
    (error.code === 'EADDRINUSE' ? ` — the port is taken; try: npm start -- --port ${port + 1}` : ''));
  process.exit(1);
});
console.log(`\n  Attention Workshop is running at http://127.0.0.1:${port}/  (Ctrl-C stops it)\n`);
const stop = () => server.httpServer.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
