#!/usr/bin/env node
// Entry point of the installed `medfl` command: the TypeScript CLI on medfl's own module hook (loadTypeScript.js).
// tsx would do, at about a second more CPU for every process started (`coordinator --help`: 3.3 s with tsx, 2.3 s
// here), and a consortium starts one process per site and one per coordinator, each time.
import './loadTypeScript.js';

await import('../cli/main.ts');
