// Imported into a process started by the startup bench (`node --import LOADER --import reportCpu.ts …`): as it exits,
// appends the CPU seconds (user + system, all threads) it used since Node started to the file MEDFL_BENCH_CPU_FILE names.
import { appendFileSync } from 'node:fs';

const file = process.env.MEDFL_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const used = process.cpuUsage();
    appendFileSync(file, `${(used.user + used.system) / 1e6}\n`);
  });
}
