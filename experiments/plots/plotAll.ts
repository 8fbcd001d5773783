// Entry point of `npm run plots`.
import { relative } from 'node:path';
import { REPO_ROOT } from '../../datasets/paths.ts';
import { plotAllResults } from './plotResults.ts';

const { written, skipped } = await plotAllResults();
for (const file of written) process.stdout.write(`wrote ${relative(REPO_ROOT, file)}\n`);
if (skipped.length) process.stdout.write(`no plot for: ${skipped.join(', ')}\n`);
