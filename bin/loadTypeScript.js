// `node --import <repo>/bin/loadTypeScript.js file.ts`: lets this process import medfl's .ts files (see
// typescriptHooks.js), with stack traces that name their .ts lines (0.15 s of start-up for the source maps).
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./typescriptHooks.js', import.meta.url);
