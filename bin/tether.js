// Runs a command tied to this process's stdin, for a program that cannot watch its parent itself (anvil): when the
// parent holding the write end dies, even by SIGKILL, stdin closes and the command gets SIGTERM (anvil then saves
// its state and exits). SIGTERM/SIGINT sent here are passed on. Prints {"tetheredPid":N} on stdout first, then the
// command's own output follows; exits with the command's exit code.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => child.kill('SIGTERM');

child.once('spawn', () => process.stdout.write(`${JSON.stringify({ tetheredPid: child.pid })}\n`));
child.once('error', (error) => {
  process.stderr.write(`${command}: ${error.message}\n`);
  process.exit(1);
});
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
