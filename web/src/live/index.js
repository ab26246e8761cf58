// Registers <live-example>. Importing this module twice (or alongside another copy) is harmless.
import { LiveExampleElement } from './live-example-element.js';

if (!customElements.get('live-example')) customElements.define('live-example', LiveExampleElement);

export { LiveExampleElement };
