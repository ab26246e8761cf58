// The embed side of the postMessage protocol (./protocol.js). Who may talk to a frame:
// - its height goes to any parent ('*'): a size says nothing about the learner, and a plain <iframe> snippet on any
//   page must be able to size it;
// - events (run, check and quiz results) go only to the `host` origin named in the frame URL (the SDK names its own
//   page), never to '*' unless the URL says host=*;
// - commands are obeyed only when they come from the window that contains this frame (event.source ===
//   window.parent) AND from the `host` origin (or any origin with host=*). Without `host`, no command is obeyed:
//   another page cannot drive or read an embed it did not create.
import { COMMANDS, PROTOCOL, isEmbedMessage } from './protocol.js';

/** A `host` parameter as an origin ('*' kept), or null when missing or not an http(s) origin. */
export function parseHostOrigin(value) {
  if (!value) return null;
  if (value === '*') return '*';
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * @param {{ host: string|null, content: Element }} options  content: the element whose height is reported
 * @returns {{ send(message: object): void, ready(found: object): void }}
 */
export function startFrameChannel({ host, content }) {
  const parent = window.parent;
  const embedded = parent && parent !== window;
  const hostOrigin = parseHostOrigin(host);
  let item = null; // the element commands act on (set by ready)

  const send = (message) => {
    if (!embedded || !hostOrigin) return;
    parent.postMessage({ protocol: PROTOCOL, ...message }, hostOrigin);
  };

  let lastHeight = -1;
  const reportHeight = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (!embedded || height === lastHeight) return;
    lastHeight = height;
    parent.postMessage({ protocol: PROTOCOL, type: 'resize', height }, '*');
    parent.postMessage({ subject: 'lti.frameResize', height }, '*'); // Canvas (and other LTI hosts) size frames this way
  };
  new ResizeObserver(reportHeight).observe(document.documentElement);
  new ResizeObserver(reportHeight).observe(content);

  // Results of the item, as they happen (the elements' events bubble and are composed).
  document.addEventListener('live-example-run-end', (event) => send({ type: 'run', ...pick(event.detail, ['status', 'durationMs']) }));
  document.addEventListener('exercise-check', (event) => send({ type: 'check', passed: event.detail.passed, cases: event.detail.cases }));
  document.addEventListener('quiz-answer', (event) => send({ type: 'quiz', id: event.detail.id, correct: event.detail.correct }));
  window.addEventListener('error', (event) => send({ type: 'error', message: event.message }));

  window.addEventListener('message', async (event) => {
    if (!embedded || event.source !== parent || !isEmbedMessage(event.data) || event.data.type !== 'command') return;
    if (!hostOrigin || (hostOrigin !== '*' && event.origin !== hostOrigin)) return; // not the page that created us
    const { requestId, command } = event.data;
    const reply = (body) => parent.postMessage({ protocol: PROTOCOL, type: 'response', requestId, ...body }, event.origin);
    try {
      if (!COMMANDS.includes(command)) throw new Error(`unknown command "${command}"; expected one of ${COMMANDS.join(', ')}`);
      if (!item) throw new Error('the embed is not ready yet (wait for the ready event)');
      reply({ ok: true, value: await runCommand(item, command, event.data) });
    } catch (error) {
      reply({ ok: false, error: error?.message ?? String(error) });
    }
  });

  return {
    send,
    ready(found) {
      item = content.querySelector('workshop-exercise, live-example');
      send({ type: 'ready', item: { kind: found.kind, id: found.id, title: found.title } });
      reportHeight();
    },
  };
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((key) => object?.[key] !== undefined).map((key) => [key, object[key]]));
}

async function runCommand(element, command, data) {
  switch (command) {
    case 'getCode': return element.code;
    case 'setCode':
      if (typeof data.code !== 'string') throw new Error('setCode needs code: a string');
      element.code = data.code;
      return true;
    case 'run': return { status: await runToEnd(element) };
    case 'check':
      if (typeof element.check !== 'function') throw new Error('check() needs an exercise; this embed shows a live example');
      return await element.check();
    default: return undefined;
  }
}

/** Runs the element; resolves to the run's status (a live example reports it through its run-end event). */
function runToEnd(element) {
  if (element.localName === 'workshop-exercise') return element.run();
  return new Promise((resolve) => {
    element.addEventListener('live-example-run-end', (event) => resolve(event.detail.status), { once: true });
    element.run();
  });
}
