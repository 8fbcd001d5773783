// `node --import <repo>/bin/loadTypeScript.js file.ts`: lets this process import medfl's .ts files (see
// typescriptHooks.js), with stack traces that name their .ts lines (see mapStackTraces.js).
import { register } from 'node:module';
import { mapStackTraces } from './mapStackTraces.js';

mapStackTraces();
register('./typescriptHooks.js', import.meta.url);
