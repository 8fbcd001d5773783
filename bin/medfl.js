#!/usr/bin/env node
// Entry point of the installed `medfl` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
