// Toy tasks for the tiny Transformer (issue 10): seeded data generators in pure JavaScript, so the training lab's
// worker, Node tests and benchmarks make exactly the same batches without loading the core.
//
// Every task is next-token prediction on sequence = prompt ++ answer: inputs = sequence[0 … n−2], targets =
// sequence[1 … n−1], and the loss mask keeps only the positions whose target is an answer token (the prompt itself
// is unpredictable random data). Each task names the attention pattern a trained model should show, and
// `alignment(prompt)` gives, for every answer token, the position holding what it must copy — the
// pattern made checkable (the query of answer token i is position promptLength − 1 + i).
import { rangeError, typeError } from './errors.js';
import { checkOptions, numberArgument, sizeArgument } from './options.js';
import { RandomStream } from './random.js';

/** Vocabulary size of every task: the lab's default model (vocab 16). */
const TOY_VOCAB_SIZE = 16;

const DIGIT_SEPARATOR = 10;
const DIGIT_NAMES = [...'0123456789', '|', 'a', 'b', 'c', 'd', 'e'];
const LETTER_NAMES = [...'abcdefghijklmnop'];

// The translation task's two made-up languages. Source ("Lirra") puts adjectives before nouns and the verb
// second (S V O, like English); target ("Vesh") puts adjectives after nouns and the verb last (S O V), so word
// order changes as in Bahdanau et al.'s French–English figure and the alignment is a crossing permutation.
// Token ids: 0 is the separator; Lirra words 1…7; their Vesh translations 8…14 (id + 7); 15 is unused.
const LIRRA = { nouns: ['bam', 'dor', 'fip'], adjectives: ['gel', 'hun'], verbs: ['jat', 'kov'] };
const VESH = { nouns: ['zu', 'ya', 'wo'], adjectives: ['ti', 'ne'], verbs: ['sa', 're'] };
const LIRRA_WORDS = [...LIRRA.nouns, ...LIRRA.adjectives, ...LIRRA.verbs];
const VESH_WORDS = [...VESH.nouns, ...VESH.adjectives, ...VESH.verbs];
const TRANSLATION_NAMES = ['=', ...LIRRA_WORDS, ...VESH_WORDS, '·'];
const NOUN_IDS = [1, 2, 3];
const ADJECTIVE_IDS = [4, 5];
const VERB_IDS = [6, 7];
const TRANSLATION_OFFSET = 7;
// Lirra: adjS nounS verb adjO nounO → Vesh: nounS adjS nounO adjO verb. Vesh word i translates Lirra word ORDER[i].
const VESH_ORDER = [1, 0, 4, 3, 2];

const drawInteger = (random, count) => Math.floor(random.nextDouble() * count);
const drawFrom = (random, list) => list[drawInteger(random, list.length)];

/** `count` distinct tokens of the 16 (a partial Fisher–Yates shuffle). */
function distinctTokens(random, count) {
  const pool = Array.from({ length: TOY_VOCAB_SIZE }, (_, i) => i);
  for (let i = 0; i < count; i += 1) {
    const j = i + drawInteger(random, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/** Splits typed text into words: spaces or commas between them, or one character per token without any. */
function splitWords(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return [];
  return /[\s,]/.test(trimmed) ? trimmed.split(/[\s,]+/).filter(Boolean) : [...trimmed];
}

function parseNamed(functionName, text, names, allowed, count, what) {
  const words = splitWords(text).map((w) => w.toLowerCase());
  if (words.length !== count) {
    throw rangeError(functionName, `expected ${count} ${what}, got ${words.length}${words.length ? ` ("${words.join(' ')}")` : ''}`);
  }
  return words.map((word, i) => {
    const id = names.indexOf(word);
    if (id < 0 || !allowed.includes(id)) {
      throw rangeError(functionName, `word ${i + 1} "${word}" is not one of ${allowed.map((a) => names[a]).join(' ')}`);
    }
    return id;
  });
}

/** The 7-token prompt of the induction task: `run` repeated (its tokens are distinct). */
const repeatToPrompt = (run) => Array.from({ length: 7 }, (_, i) => run[i % run.length]);
/** The period of an induction prompt: where its first token comes back. */
const periodOf = (prompt) => prompt.indexOf(prompt[0], 1);

const DIGITS = Array.from({ length: 10 }, (_, i) => i);
const LETTERS = Array.from({ length: TOY_VOCAB_SIZE }, (_, i) => i);
/** Six random digits and the separator: the prompt of reverse and sort. */
const drawDigits = (random) => [...Array.from({ length: 6 }, () => drawInteger(random, 10)), DIGIT_SEPARATOR];
const parseDigits = (name, text) => [...parseNamed(name, text, DIGIT_NAMES, DIGITS, 6, 'digits'), DIGIT_SEPARATOR];

/** The task definitions: how to draw a prompt, its answer, and where each answer token comes from. */
const DEFINITIONS = {
  reverse: {
    title: { zh: '反转', en: 'Reverse' },
    description: { zh: '把 6 个数字倒过来写。', en: 'Write 6 digits backwards.' },
    pattern: {
      zh: '反对角线：在分隔符之后，第 i 个输出位置注视倒数第 i 个输入数字。',
      en: 'An anti-diagonal: after the separator, output position i attends to the i-th digit from the end.',
    },
    tokenNames: DIGIT_NAMES,
    promptLength: 7,
    answerLength: 6,
    inputHint: { zh: '6 个数字，如 314159', en: '6 digits, e.g. 314159' },
    draw: drawDigits,
    answer: (prompt) => prompt.slice(0, 6).reverse(),
    alignment: () => [5, 4, 3, 2, 1, 0],
    parse: parseDigits,
  },
  sort: {
    title: { zh: '排序', en: 'Sort' },
    description: { zh: '把 6 个数字从小到大排列。', en: 'Sort 6 digits in ascending order.' },
    pattern: {
      zh: '按内容而非位置：每个输出位置注视它要抄写的那个数字（还没用过的最小数字），所以图案随输入而变，不是固定的对角线。',
      en: 'By content, not position: each output position attends to the digit it copies (the smallest one not yet used), so the pattern moves with the input instead of being a fixed diagonal.',
    },
    tokenNames: DIGIT_NAMES,
    promptLength: 7,
    answerLength: 6,
    inputHint: { zh: '6 个数字，如 503128', en: '6 digits, e.g. 503128' },
    draw: drawDigits,
    answer: (prompt) => prompt.slice(0, 6).sort((a, b) => a - b),
    // Equal digits: the i-th copy of a value aligns with its i-th occurrence (a stable sort).
    alignment: (prompt) => prompt.slice(0, 6).map((value, index) => ({ value, index }))
      .sort((a, b) => a.value - b.value || a.index - b.index).map((entry) => entry.index),
    parse: parseDigits,
  },
  induction: {
    title: { zh: '归纳（重复）', en: 'Induction (repeat)' },
    description: {
      zh: '3 到 6 个不同的随机符号一遍遍重复：接着写下去。重复的周期每个例子都不同，所以只靠位置是猜不出来的。',
      en: 'A run of 3 to 6 distinct random symbols repeats over and over: continue it. The period differs from one example to the next, so position alone cannot tell what comes next.',
    },
    pattern: {
      zh: '归纳头（Olsson 等，2022，描述的是它与前一层中“注视前一个位置”的头配合工作）：第 2 层的一个头注视当前符号较早出现（通常是第一次出现）之后的那个位置，读出上次接下来是什么——斜线的位置随周期移动。',
      en: 'An induction head (Olsson et al., 2022, describe it working with a previous-token head in the layer before): a layer-2 head attends to the position right after an earlier (usually the first) occurrence of the current symbol, reading what came next last time — stripes that move with the period.',
    },
    tokenNames: LETTER_NAMES,
    promptLength: 7,
    answerLength: 6,
    inputHint: { zh: '3–6 个不同的字母 a–p，如 kadg', en: '3–6 distinct letters a–p, e.g. kadg' },
    draw: (random) => repeatToPrompt(distinctTokens(random, 3 + drawInteger(random, 4))),
    answer: (prompt) => {
      const period = periodOf(prompt);
      return Array.from({ length: 6 }, (_, i) => prompt[(7 + i) % period]);
    },
    // Answer token i is predicted at position 6 + i, whose symbol first appeared at (6 + i) mod period: the
    // alignment is the position right after that first occurrence (trained models read the first run; any later
    // copy would hold the same symbol).
    alignment: (prompt) => Array.from({ length: 6 }, (_, i) => ((6 + i) % periodOf(prompt)) + 1),
    parse: (name, text) => {
      const words = splitWords(text).map((w) => w.toLowerCase());
      if (words.length < 3 || words.length > 6) throw rangeError(name, `expected 3 to 6 distinct letters, got ${words.length}`);
      const prefix = parseNamed(name, words.join(' '), LETTER_NAMES, LETTERS, words.length, 'letters');
      const repeated = prefix.find((id, i) => prefix.indexOf(id) !== i);
      if (repeated !== undefined) throw rangeError(name, `the letters must be distinct, "${LETTER_NAMES[repeated]}" appears twice`);
      return repeatToPrompt(prefix);
    },
  },
  translate: {
    title: { zh: '翻译（两种自造语言）', en: 'Translate (two made-up languages)' },
    description: {
      zh: '把 Lirra 语（形容词在名词前，主谓宾）译成 Vesh 语（形容词在名词后，动词在句末）。',
      en: 'Translate Lirra (adjective before noun, subject–verb–object) into Vesh (adjective after noun, verb last).',
    },
    pattern: {
      zh: '一个置换：每个 Vesh 词注视它所翻译的 Lirra 词，像 Bahdanau 等（2014）的英法对齐图那样交叉——形容词与名词互换，动词移到句末。',
      en: 'A permutation: each Vesh word attends to the Lirra word it translates, crossing like the English–French alignment figure of Bahdanau et al. (2014) — adjective and noun swap, the verb moves to the end.',
    },
    tokenNames: TRANSLATION_NAMES,
    promptLength: 6,
    answerLength: 5,
    inputHint: { zh: '形容词 名词 动词 形容词 名词，如 gel bam jat hun fip', en: 'adjective noun verb adjective noun, e.g. gel bam jat hun fip' },
    draw: (random) => [drawFrom(random, ADJECTIVE_IDS), drawFrom(random, NOUN_IDS), drawFrom(random, VERB_IDS),
      drawFrom(random, ADJECTIVE_IDS), drawFrom(random, NOUN_IDS), 0],
    answer: (prompt) => VESH_ORDER.map((source) => prompt[source] + TRANSLATION_OFFSET),
    alignment: () => [...VESH_ORDER],
    parse: (name, text) => {
      const slots = [ADJECTIVE_IDS, NOUN_IDS, VERB_IDS, ADJECTIVE_IDS, NOUN_IDS];
      const kinds = ['adjective', 'noun', 'verb', 'adjective', 'noun'];
      const words = splitWords(text).map((w) => w.toLowerCase());
      if (words.length !== 5) {
        throw rangeError(name, `expected 5 Lirra words (adjective noun verb adjective noun), got ${words.length}`);
      }
      return [...words.map((word, i) => {
        const id = TRANSLATION_NAMES.indexOf(word);
        if (!slots[i].includes(id)) {
          throw rangeError(name, `word ${i + 1} "${word}" must be a Lirra ${kinds[i]}: one of ${slots[i].map((a) => TRANSLATION_NAMES[a]).join(' ')}`);
        }
        return id;
      }), 0];
    },
  },
};

const TOY_TASK_NAMES = Object.freeze(Object.keys(DEFINITIONS));

/** The names of the built-in tasks, in the lab's order. */
export const toyTaskNames = () => [...TOY_TASK_NAMES];

/**
 * The task `name` ('reverse' | 'sort' | 'induction' | 'translate') with its seeded generator.
 * options: { seed } (integer ≥ 0, default 0): the same seed gives the same batches everywhere.
 */
export function createToyTask(name, options) {
  const functionName = 'createToyTask';
  if (typeof name !== 'string' || !Object.hasOwn(DEFINITIONS, name)) {
    throw rangeError(functionName, `unknown task ${JSON.stringify(name)}; expected one of ${TOY_TASK_NAMES.join(', ')}`);
  }
  const o = checkOptions(functionName, options, ['seed']);
  const seed = numberArgument(functionName, 'options.seed', o.seed, { fallback: 0, integer: true, min: 0 });
  const definition = DEFINITIONS[name];
  const random = new RandomStream(seed >>> 0);
  const { promptLength, answerLength, tokenNames } = definition;
  const length = promptLength + answerLength - 1;

  const task = {
    name,
    title: definition.title,
    description: definition.description,
    /** The attention pattern a trained model shows, in words ({ zh, en }). */
    expectedPattern: definition.pattern,
    /** What to type as a prompt ({ zh, en }). */
    inputHint: definition.inputHint,
    vocabSize: TOY_VOCAB_SIZE,
    /** Sequence positions the model sees (inputs [batch, length]); at most the default maxLength, 12. */
    length,
    promptLength,
    answerLength,
    /** How each token id is written. */
    tokenNames: Object.freeze([...tokenNames]),

    /** A fresh random prompt (token ids). */
    prompt: () => definition.draw(random),
    /** The right answer to `prompt`. */
    answer: (prompt) => definition.answer([...prompt]),
    /**
     * The expected alignment: for each answer token, the sequence position (in the prompt, or for induction possibly
     * in the answer written so far) of the token it is made from — the key its query position should attend to.
     */
    alignment: (prompt) => definition.alignment([...prompt]),
    /** Reads typed text (see inputHint) into a prompt; throws a RangeError naming what is wrong. */
    parsePrompt: (text) => definition.parse('task.parsePrompt', text),
    /** Token ids → text. */
    format: (tokens) => Array.from(tokens, (t) => tokenNames[t] ?? '?').join(tokenNames === DIGIT_NAMES || tokenNames === LETTER_NAMES ? '' : ' '),

    /**
     * `size` fresh examples as tensors for trainStep: { inputs, targets, lossMask } each [size, length]
     * (float32 token ids; the mask is 1 where the target is an answer token).
     */
    batch(size) {
      const count = sizeArgument('task.batch', 'size', size, {});
      const inputs = new Float32Array(count * length);
      const targets = new Float32Array(count * length);
      const lossMask = new Float32Array(count * length);
      for (let b = 0; b < count; b += 1) {
        const prompt = definition.draw(random);
        const sequence = [...prompt, ...definition.answer([...prompt])];
        for (let t = 0; t < length; t += 1) {
          inputs[b * length + t] = sequence[t];
          targets[b * length + t] = sequence[t + 1];
          lossMask[b * length + t] = t >= promptLength - 1 ? 1 : 0;
        }
      }
      const shape = [count, length];
      return { inputs: { shape, data: inputs }, targets: { shape, data: targets }, lossMask: { shape, data: lossMask } };
    },
  };
  return Object.freeze(task);
}

/** Index of the largest of `count` values starting at `offset`. */
function argMax(data, offset, count) {
  let best = 0;
  for (let j = 1; j < count; j += 1) if (data[offset + j] > data[offset + best]) best = j;
  return best;
}

/**
 * Token accuracy of logits [batch, L, vocab] on the positions a batch's lossMask keeps: the share of answer tokens
 * whose arg-max is the target (teacher forcing: every position sees the true tokens before it).
 */
export function maskedTokenAccuracy(logits, batch) {
  const vocab = logits.shape[logits.shape.length - 1];
  if (logits.data.length !== batch.targets.data.length * vocab) {
    throw rangeError('maskedTokenAccuracy', `logits ${JSON.stringify(logits.shape)} do not match targets ${JSON.stringify(batch.targets.shape)}`);
  }
  let correct = 0;
  let counted = 0;
  batch.lossMask.data.forEach((keep, row) => {
    if (!keep) return;
    correct += argMax(logits.data, row * vocab, vocab) === batch.targets.data[row] ? 1 : 0;
    counted += 1;
  });
  return counted ? correct / counted : 0;
}

/**
 * Greedy decoding: extends `prompt` by task.answerLength tokens, each the model's arg-max given everything before
 * it. Returns { answer, attention } with the attention maps [layers, 1, heads, length, length] of the last forward
 * pass (which sees the whole prompt and answer but the final token).
 */
export function generateAnswer(model, task, prompt) {
  if (!Array.isArray(prompt) || prompt.length !== task.promptLength) {
    throw typeError('generateAnswer', `prompt must be an array of ${task.promptLength} token ids, got ${Array.isArray(prompt) ? `${prompt.length} ids` : typeof prompt}`);
  }
  const sequence = [...prompt];
  let attention = null;
  for (let i = 0; i < task.answerLength; i += 1) {
    const { logits, attention: maps } = model.forward({ shape: [1, sequence.length], data: Float32Array.from(sequence) });
    const vocab = logits.shape[2];
    sequence.push(argMax(logits.data, (sequence.length - 1) * vocab, vocab));
    attention = maps;
  }
  return { answer: sequence.slice(task.promptLength), sequence, attention };
}
