// Progress for long work: a bar on a terminal, throttled JSON log lines otherwise (CI, pipes).
import cliProgress from 'cli-progress';
import { childLogger } from './log.ts';

export interface Progress {
  /** Advances by `n` (default 1) and optionally records the latest values (e.g. loss). */
  tick(n?: number, values?: Record<string, number | string>): void;
  done(): void;
}

const LOG_EVERY_MS = 2_000;

/** `logEveryMs` throttles the JSON lines (default 2 s); 0 logs every tick, for work whose every step matters. */
export function createProgress(label: string, total: number, { logEveryMs = LOG_EVERY_MS }: { logEveryMs?: number } = {}): Progress {
  if (process.stderr.isTTY && !process.env.VITEST) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {percentage}% {extra}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { extra: '' });
    return {
      tick(n = 1, values) {
        bar.increment(n, { extra: values ? Object.entries(values).map(([k, v]) => `${k}=${v}`).join(' ') : '' });
      },
      done() {
        bar.stop();
      },
    };
  }
  const log = childLogger('progress');
  let value = 0;
  let lastLog = 0;
  return {
    tick(n = 1, values) {
      value += n;
      const now = Date.now();
      if (now - lastLog >= logEveryMs || value >= total) {
        lastLog = now;
        log.info({ task: label, value, total, ...values }, 'progress');
      }
    },
    done() {
      log.info({ task: label, value, total }, 'done');
    },
  };
}
