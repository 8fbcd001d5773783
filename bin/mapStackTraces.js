// Stack traces that name medfl's .ts lines, paid for only when a stack is printed. Node's own source-map support
// (--enable-source-maps) reads and parses, as each module loads, the maps of every package that ships one: 11 MB of
// JSON for tfjs alone, up to a quarter of a second of a participant's start. Here a frame in a .ts file is mapped when
// its stack is formatted, through that file's map (kept in the loader's cache); every other frame is left as V8 gives it.
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sourceMapOf } from './typescriptHooks.js';

/** Per .ts file, its map once read (null when it has none or cannot be read). */
const maps = new Map();

function mapOf(file) {
  if (!maps.has(file)) {
    let map = null;
    try {
      const payload = sourceMapOf(file);
      if (payload) map = new SourceMap(payload);
    } catch {
      // An unreadable or malformed map leaves the frame as it is.
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** The frame as V8 writes it, with a .ts file's JavaScript line and column replaced by the TypeScript ones. */
function frameText(site) {
  const text = String(site);
  const url = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (typeof url !== 'string' || !url.startsWith('file:') || !url.endsWith('.ts') || !line || !column) return text;
  const entry = mapOf(fileURLToPath(url))?.findEntry(line - 1, column - 1);
  if (entry?.originalLine === undefined) return text;
  return text.replace(`${url}:${line}:${column}`, `${url}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}

/** Formats every stack of this thread as Node does by default, with .ts frames mapped. */
export function mapStackTraces() {
  Error.prepareStackTrace = (error, sites) => {
    let header;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = '<error>';
    }
    return sites.length === 0 ? header : `${header}\n    at ${sites.map(frameText).join('\n    at ')}`;
  };
}
