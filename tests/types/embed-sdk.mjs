// @ts-check
// Type-level check of the embed SDK's types (web/embed/sdk.d.ts, shipped as dist/embed/sdk.d.ts), checked by
// `tsc --noEmit` (scripts/typecheck.mjs) and never run: the README's usage is accepted; the calls the SDK refuses at
// run time carry @ts-expect-error, so the check fails if the types ever accepted them.
import { createPlayground } from '../../web/embed/sdk.js';

const container = document.createElement('div');
const playground = createPlayground(container, {
  appUrl: 'https://example.org/courses/attention/', chapter: '04-programming-exercises', item: 'stable-softmax',
  lang: 'en', theme: 'dark', loading: 'click',
});
const item = await playground.ready;
const kind = item.kind;
const code = await playground.getCode();
await playground.setCode(code.trim());
const report = await playground.check();
const passed = report.passed && report.cases.every((c) => c.passed);
const { status } = await playground.run();
const off = playground.on('check', ({ passed: ok, cases }) => console.log(ok, cases.length));
playground.on('resize', ({ height }) => console.log(height + 1));
off();
playground.destroy();
console.log(kind, passed, status === 'ok');

// ---- refused at run time, and by the types ----
// @ts-expect-error appUrl and chapter are required
createPlayground(container, { item: 'x' });
// @ts-expect-error setCode takes a string
await playground.setCode(42);
// @ts-expect-error there is no such event
playground.on('finished', () => {});
// @ts-expect-error lang is zh or en
createPlayground(container, { appUrl: '/', chapter: 'x', lang: 'fr' });
