// The formula of one query row, o = Σ_j softmax_j(q·k_j/√d_k + M_j) v_j, with each step's term wrapped in
// \htmlClass{aw-step-<step>}{…}; the lab highlights the current step's term with CSS. Rendered by KaTeX at build
// time (web/build/katex-prebuild.js): one formula, about 20 kB of HTML, instead of KaTeX in the page.

/** The steps of the lab, in order. */
export const STEPS = ['dot', 'scale', 'mask', 'max', 'subtract', 'exp', 'sum', 'divide', 'output'];

const term = (step, tex) => `\\htmlClass{aw-step-${step}}{${tex}}`;

function logit(j) {
  const scaled = term('scale', `${term('dot', `\\mathbf{q}\\cdot\\mathbf{k}_${j}`)}/\\sqrt{d_k}`);
  return term('subtract', `${term('mask', `${scaled}+M_${j}`)}-${term('max', 'm')}`);
}

const numerator = term('exp', `\\exp\\left(${logit('j')}\\right)`);
const denominator = term('sum', `\\sum_{l}\\exp\\left(${logit('l')}\\right)`);

export default {
  row: `\\mathbf{o}=${term('output', '\\sum_{j}')}${term('divide', `\\frac{${numerator}}{${denominator}}`)}\\,${term('output', '\\mathbf{v}_j')}`,
  max: `${term('max', 'm')}=\\max_{j}\\left(${term('dot', '\\mathbf{q}\\cdot\\mathbf{k}_j')}/\\sqrt{d_k}+${term('mask', 'M_j')}\\right),\\quad M_j\\in\\{0,-\\infty\\}`,
};
