// What one site's data look like on disk: every file's path, size and last change, hashed. A participant reads its data
// again before a round only when this stamp moved (a Consent withdrawn rewrites a file), so an unchanged export of a
// large hospital is not imported anew every round.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isUciSpec } from './resolveDataset.ts';
import { siteFolders } from './siteFolders.ts';

/** Every file under `path` (or `path` itself), as "relative path, size, change time in ns", in a fixed order. */
function fileLines(root: string, path: string, lines: string[]): void {
  const stat = statSync(path, { bigint: true });
  if (!stat.isDirectory()) {
    lines.push(`${relative(root, path)}\t${stat.size}\t${stat.mtimeNs}\t${stat.ctimeNs}`);
    return;
  }
  for (const name of readdirSync(path).sort()) fileLines(root, join(path, name), lines);
}

/**
 * sha256 over the site's files as `fileLines` lists them. The UCI heart data are a fixed published set, so their stamp
 * is their name. DATASET_NOT_FOUND as the loader gives it when the site has no data in `spec`.
 */
export function siteDataStamp(spec: string, site: string): string {
  if (isUciSpec(spec)) return `uci:${spec}`;
  const [folder] = siteFolders(spec, [site]);
  const lines: string[] = [];
  fileLines(folder!.path, folder!.path, lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
