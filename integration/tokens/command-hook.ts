import { spawn } from 'node:child_process';

/** How long a write-back command may run before it is stopped. */
const COMMAND_TIMEOUT_MS = 120_000;

/**
 * Runs `command` (program and arguments, no shell) with `token` on its standard input and
 * nothing else of it: not in its arguments or environment, where other processes and logs see
 * them. The command's own output is read and dropped, since it may echo the token; a failure is
 * told by its exit code alone. Resolves when it exits with 0.
 */
export function runTokenCommand(command: readonly string[], token: string): Promise<void> {
  const [file, ...args] = command;
  if (file === undefined) return Promise.reject(new Error('The write-back command is empty.'));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.stdout.resume();
    child.stderr.resume();
    // A command that exits without reading its input closes the pipe: its exit code tells.
    child.stdin.on('error', () => {});
    child.stdin.end(token);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(`the command ${file} could not be started (${error.code ?? error.name}).`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      reject(
        new Error(
          code === null
            ? `the command ${file} was stopped by ${signal}${signal === 'SIGKILL' ? ` (it ran for over ${COMMAND_TIMEOUT_MS / 1000} s, or was killed)` : ''}.`
            : `the command ${file} exited with code ${code}.`,
        ),
      );
    });
  });
}
