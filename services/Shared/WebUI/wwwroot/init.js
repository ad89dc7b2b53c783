// Progressive enhancement only: every screen works without JavaScript.
import { initAll } from './nhsuk/nhsuk-frontend.min.js';

initAll();
