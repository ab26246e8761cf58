// Types of dist/embed/sdk.js (source: web/embed/sdk.js).

export interface PlaygroundOptions {
  /** URL of the workshop site (the folder that holds index.html and frame.html), e.g. "https://example.org/attention-workshop/". */
  appUrl: string;
  /** Chapter slug, e.g. "04-programming-exercises". */
  chapter: string;
  /** Id of a live example, exercise, quiz, lab or heading in that chapter; omitted: the whole chapter. */
  item?: string;
  lang?: 'zh' | 'en';
  theme?: 'light' | 'dark';
  /** Starting code of the example or exercise (carried in the URL fragment, as in share links). */
  code?: string;
  /** 'click': the embed shows a Load button first; 'lazy': the iframe loads when scrolled near. */
  loading?: 'eager' | 'lazy' | 'click';
  /** Height in px until the embed reports its own (default 200). */
  height?: number;
  /** The iframe's accessible title. */
  title?: string;
  /** How long a command waits for the embed's answer (default 60000 ms). */
  commandTimeoutMs?: number;
}

export interface CheckCase { name: string; passed: boolean; message?: string }
export interface CheckReport { passed: boolean; cases: CheckCase[] }
export type RunStatus = 'ok' | 'error' | 'timeout' | 'stopped' | 'crashed';

export interface PlaygroundEvents {
  ready: { item: { kind: string; id: string; title: string } };
  run: { status: RunStatus; durationMs?: number };
  check: CheckReport;
  quiz: { id: string; correct: boolean };
  resize: { height: number };
  error: { message: string };
}

export interface Playground {
  /** The iframe the SDK created (already in the container). */
  readonly iframe: HTMLIFrameElement;
  /** Resolves once the item is on screen and takes commands. */
  readonly ready: Promise<{ kind: string; id: string; title: string }>;
  run(): Promise<{ status: RunStatus }>;
  getCode(): Promise<string>;
  setCode(code: string): Promise<true>;
  /** Checks an exercise (rejects for a live example). */
  check(): Promise<CheckReport>;
  /** Subscribes; returns a function that unsubscribes. */
  on<E extends keyof PlaygroundEvents>(event: E, callback: (detail: PlaygroundEvents[E]) => void): () => void;
  /** Removes the iframe and stops listening; pending commands reject. */
  destroy(): void;
}

export function createPlayground(container: HTMLElement, options: PlaygroundOptions): Playground;
