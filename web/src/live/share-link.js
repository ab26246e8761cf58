// Share links: the snippet, compressed with deflate-raw and base64url-encoded, travels in the URL fragment after the
// page's own hash route, as a query-like suffix:
//
//   https://host/path/#/zh/01-what-is-attention?example=softmax-temperature&code=<base64url(deflate-raw(utf8))>
//
// The route (everything before the first `?` in the fragment) stays intact, so the site's router keeps working;
// pages without a hash route get `#?example=…&code=…`. The fragment never reaches the server.

const EXAMPLE_PARAM = 'example';
const CODE_PARAM = 'code';

function bytesToBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipeThrough(bytes, stream) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

/** Compresses code into the URL-safe text carried by a share link. */
export async function encodeCode(code) {
  const compressed = await pipeThrough(new TextEncoder().encode(code), new CompressionStream('deflate-raw'));
  return bytesToBase64Url(compressed);
}

/**
 * The largest code a share link may carry, decompressed: far above any snippet a reader writes, far below what
 * would make a page slow. A deflate "bomb" in a link is cut off here while it is being decompressed.
 */
export const MAX_SHARED_CODE_BYTES = 256 * 1024;
// deflate never grows incompressible data by more than a few bytes per 16 KiB block, and base64 adds a third: a
// link longer than this cannot hold MAX_SHARED_CODE_BYTES or less, so it is refused before decoding anything.
const MAX_ENCODED_LENGTH = Math.ceil(((MAX_SHARED_CODE_BYTES * 1.01 + 64) * 4) / 3);
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Thrown for a share link whose code is larger than MAX_SHARED_CODE_BYTES; `.reason` is 'too-large'. */
export class SharedCodeError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'SharedCodeError';
    this.reason = reason;
  }
}

const tooLarge = () => new SharedCodeError('too-large',
  `shared code is larger than ${MAX_SHARED_CODE_BYTES / 1024} KiB once decompressed; such links are not opened`);

/** Decompresses, stopping with SharedCodeError once more than `maxBytes` came out. */
async function inflateAtMost(bytes, maxBytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) { out.set(chunk, offset); offset += chunk.length; }
  return out;
}

/**
 * Restores code from a share link's text. Throws SharedCodeError (reason 'too-large') for code above
 * MAX_SHARED_CODE_BYTES, and SharedCodeError (reason 'damaged') for text that is not base64url deflate of UTF-8.
 */
export async function decodeCode(text, { maxBytes = MAX_SHARED_CODE_BYTES } = {}) {
  if (text.length > MAX_ENCODED_LENGTH) throw tooLarge();
  if (!BASE64URL.test(text)) throw new SharedCodeError('damaged', 'shared code holds characters outside base64url');
  let bytes;
  try {
    bytes = await inflateAtMost(base64UrlToBytes(text), maxBytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof SharedCodeError) throw error;
    throw new SharedCodeError('damaged', `shared code could not be decoded: ${error.message}`);
  }
}

/** Splits a fragment ("#/zh/ch?example=a&code=b") into its route ("/zh/ch") and suffix parameters. */
export function splitFragment(hash) {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const question = fragment.indexOf('?');
  if (question < 0) return { route: fragment, params: new URLSearchParams() };
  return { route: fragment.slice(0, question), params: new URLSearchParams(fragment.slice(question + 1)) };
}

/** The share request in a location's fragment, or null: { exampleId, encodedCode }. */
export function readShareRequest(hash) {
  const { params } = splitFragment(hash);
  const exampleId = params.get(EXAMPLE_PARAM);
  const encodedCode = params.get(CODE_PARAM);
  return exampleId && encodedCode ? { exampleId, encodedCode } : null;
}

/**
 * Builds the share URL for `code` in example `exampleId`, keeping the current page and hash route. Throws
 * SharedCodeError for code no link would open (above MAX_SHARED_CODE_BYTES).
 */
export async function buildShareUrl(location, exampleId, code) {
  if (new TextEncoder().encode(code).length > MAX_SHARED_CODE_BYTES) throw tooLarge();
  const { route } = splitFragment(location.hash);
  const params = new URLSearchParams({ [EXAMPLE_PARAM]: exampleId });
  // base64url never needs percent-encoding; append it by hand so the link stays short and readable.
  const base = location.href.split('#')[0];
  return `${base}#${route}?${params.toString()}&${CODE_PARAM}=${await encodeCode(code)}`;
}
