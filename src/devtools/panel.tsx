import { render } from 'preact';
import { z } from 'zod';

z.config({ jitless: true }); // extension pages forbid new Function (TOOLCHAIN.md)

render(<main data-testid="panel-root">API Lens</main>, document.getElementById('app')!);
