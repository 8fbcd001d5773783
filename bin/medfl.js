#!/usr/bin/env node
// Entry point of the installed `medfl` command: the TypeScript CLI on medfl's own module hook (loadTypeScript.js).
// tsx would do, at 0.4-0.6 s more CPU for every process started (`npm run bench -- startup`: `coordinator --help`
// 2.78 s on tsx, 2.20 s here), and a consortium starts one process per site and one per coordinator, each time.
import './loadTypeScript.js';

await import('../cli/main.ts');
