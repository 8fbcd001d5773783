// A medfl process started by another (`medfl run`, the demo) ends when its parent does: the parent holds the write
// end of this process's stdin, which closes when the parent exits for any reason, even SIGKILL. The process then
// stops through its own SIGTERM handling, as if the parent had stopped it.
export const EXIT_WITH_PARENT_ENV = 'MEDFL_EXIT_WITH_PARENT';

export function exitWithParent(): void {
  if (process.env[EXIT_WITH_PARENT_ENV] !== '1') return;
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
  // Not a reason to stay alive on its own: the command's own work keeps the event loop running.
  (process.stdin as unknown as { unref?: () => void }).unref?.();
}
