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

/** Restores code from a share link's text; throws if the text is damaged. */
export async function decodeCode(text) {
  const bytes = await pipeThrough(base64UrlToBytes(text), new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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

/** Builds the share URL for `code` in example `exampleId`, keeping the current page and hash route. */
export async function buildShareUrl(location, exampleId, code) {
  const { route } = splitFragment(location.hash);
  const params = new URLSearchParams({ [EXAMPLE_PARAM]: exampleId });
  // base64url never needs percent-encoding; append it by hand so the link stays short and readable.
  const base = location.href.split('#')[0];
  return `${base}#${route}?${params.toString()}&${CODE_PARAM}=${await encodeCode(code)}`;
}
