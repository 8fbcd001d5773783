// Reads a consortium.json a reviewer names (from a kit, or medfl provision's output); a kit folder means its copy.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../readJsonFile.ts';
import { consortiumSchema, type Consortium } from './Consortium.ts';
import { KIT_FILES } from './kitFiles.ts';

/** FILE_NOT_FOUND for a wrong path; KIT_INVALID naming the field for a file that is not a consortium.json. */
export function readConsortiumFile(path: string): { file: string; consortium: Consortium } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, KIT_FILES.consortium) : path;
  const consortium = readJsonFile(file, consortiumSchema, 'consortium file', {
    notJson: 'KIT_INVALID', invalid: 'KIT_INVALID', remedy: "give the consortium.json of a kit or of medfl provision's output",
  });
  return { file, consortium };
}
