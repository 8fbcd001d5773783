#!/usr/bin/env node
// Entry point of the installed `medfl` command: the TypeScript CLI on medfl's own module hook (loadTypeScript.js).
// tsx would do, at 0.25-0.65 s more CPU for every process started (`npm run bench -- startup`: `coordinator --help`
// 2.04 s on tsx, 1.39 s here), and a consortium starts one process per site and one per coordinator, each time.
import './loadTypeScript.js';

await import('../cli/main.ts');
