// The share-link codec (web/src/live/share-link.js) in Node: what it accepts, and above all what it refuses — links
// too large once decompressed (including a deflate "bomb" a few hundred bytes long), oversized text, damaged data.
// The links are built here with node:zlib, independently of the module's own encoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import {
  MAX_SHARED_CODE_BYTES, SharedCodeError, buildShareUrl, decodeCode, encodeCode, readShareRequest,
} from '../../web/src/live/share-link.js';

const linkText = (code) => deflateRawSync(Buffer.from(code, 'utf8')).toString('base64url');
const refusedAs = (reason) => (error) => error instanceof SharedCodeError && error.reason === reason;

test('code round-trips through the module and through zlib written independently', async () => {
  const code = "// 中文 ✓\nshow(attn.softmax([1, 2, 3]), '</script>');\n";
  assert.equal(await decodeCode(await encodeCode(code)), code);
  assert.equal(await decodeCode(linkText(code)), code);
  assert.equal(await decodeCode(linkText('')), '');
});

test('exactly MAX_SHARED_CODE_BYTES is accepted, one byte more is refused as too large', async () => {
  assert.equal(MAX_SHARED_CODE_BYTES, 256 * 1024);
  const limit = 'x'.repeat(MAX_SHARED_CODE_BYTES);
  assert.equal((await decodeCode(linkText(limit))).length, MAX_SHARED_CODE_BYTES);
  await assert.rejects(decodeCode(linkText(`${limit}y`)), refusedAs('too-large'));
  // Multi-byte characters count as their UTF-8 bytes: 87382 × 3 bytes > 256 KiB.
  await assert.rejects(decodeCode(linkText('中'.repeat(87_382))), refusedAs('too-large'));
});

test('a deflate bomb (a short link that inflates to 16 MiB) is cut off while decompressing', async () => {
  const bomb = linkText('\0'.repeat(16 * 1024 * 1024));
  assert.ok(bomb.length < 100_000, `the bomb is a short link: ${bomb.length} characters`);
  const started = performance.now();
  await assert.rejects(decodeCode(bomb), refusedAs('too-large'));
  console.log(`  bomb of ${bomb.length} characters refused after ${(performance.now() - started).toFixed(0)} ms`);
});

test('a link text longer than any 256 KiB of code can compress to is refused before decoding', async () => {
  await assert.rejects(decodeCode('A'.repeat(400_000)), refusedAs('too-large'));
});

test('damaged or foreign text is refused as damaged, never returned', async () => {
  for (const text of ['not-deflate-data', 'abc', '%%%', 'a+b/c==', '<script>alert(1)</script>', linkText('ok').slice(0, -3)]) {
    await assert.rejects(decodeCode(text), refusedAs('damaged'), JSON.stringify(text));
  }
  // Valid deflate of bytes that are not UTF-8.
  const notUtf8 = deflateRawSync(Buffer.from([0xff, 0xfe, 0x80])).toString('base64url');
  await assert.rejects(decodeCode(notUtf8), refusedAs('damaged'));
});

test('buildShareUrl keeps the route and refuses code no link would open', async () => {
  const location = { href: 'https://host/site/index.html#/zh/01-what-is-attention', hash: '#/zh/01-what-is-attention' };
  const url = await buildShareUrl(location, 'softmax-temperature', 'show(1)');
  assert.match(url, /^https:\/\/host\/site\/index\.html#\/zh\/01-what-is-attention\?example=softmax-temperature&code=[\w-]+$/);
  const request = readShareRequest(`#${url.split('#')[1]}`);
  assert.equal(request.exampleId, 'softmax-temperature');
  assert.equal(await decodeCode(request.encodedCode), 'show(1)');
  await assert.rejects(buildShareUrl(location, 'x', 'x'.repeat(MAX_SHARED_CODE_BYTES + 1)), refusedAs('too-large'));
});
