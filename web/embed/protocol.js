// The postMessage protocol between an embedded item (frame.html, web/embed/frame.js) and its host page (the SDK,
// web/embed/sdk.js, or a few lines of script). Every message is a plain object with `protocol: PROTOCOL`.
//
//   embed → host: { protocol, type: 'ready', item }                 the item is on screen and can take commands
//                 { protocol, type: 'resize', height }              also sent as Canvas' { subject: 'lti.frameResize', height }
//                 { protocol, type: 'run', status, durationMs }     a run ended (live example)
//                 { protocol, type: 'check', passed, cases }        an exercise was checked
//                 { protocol, type: 'quiz', id, correct }           a quiz was answered
//                 { protocol, type: 'error', message }              the item could not be shown or a command failed
//                 { protocol, type: 'response', requestId, ok, value?, error? }
//   host → embed: { protocol, type: 'command', requestId, command: 'run' | 'getCode' | 'setCode' | 'check', code? }
//
// This file is shared by the frame and the SDK, and the SDK must stay dependency-free: keep it import-free.

export const PROTOCOL = 'attention-workshop-embed';
export const COMMANDS = Object.freeze(['run', 'getCode', 'setCode', 'check']);
export const EVENTS = Object.freeze(['ready', 'run', 'check', 'quiz', 'resize', 'error']);

/** True for a message of this protocol (anything else on the window is someone else's). */
export const isEmbedMessage = (data) => Boolean(data) && typeof data === 'object' && data.protocol === PROTOCOL;
