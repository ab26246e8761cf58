// Registers <workshop-lab>. Importing this module twice (or alongside another copy) is harmless.
import { WorkshopLabElement } from './workshop-lab-element.js';

if (!customElements.get('workshop-lab')) customElements.define('workshop-lab', WorkshopLabElement);

export { WorkshopLabElement };
