import { registerDevtoolsPanel } from '../platform/browser.ts';

// The devtools page only registers the panel; the panel page does the work.
registerDevtoolsPanel('API Lens', '/icons/icon-32.png', '/src/devtools/panel.html');
