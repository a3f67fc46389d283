/**
 * The one log line a backend writes when it cannot start: a JSON object like the rest of the
 * production log, so a log collector parses it, with the cause on a single line. Backstage's own
 * start-up error (`BackendStartupError`) lists one failed plugin per line; the lines are joined
 * so that `kubectl logs --previous` shows the whole cause in the last line.
 */
export function startupFailureLogLine(error: unknown, now: Date): string {
  return JSON.stringify({
    level: 'error',
    message: `Backend failed to start, exiting: ${describeError(error)}`,
    service: 'backstage',
    timestamp: now.toISOString(),
  });
}

function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const lines = text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.length > 0);
  return lines.reduce(
    (joined, line) =>
      joined === ''
        ? line
        : `${joined}${joined.endsWith(':') ? ' ' : '; '}${line}`,
    '',
  );
}

/**
 * Ends the process with exit code 1 when start-up fails. Without this, a plugin that fails to
 * initialise leaves the process running: the backend logs the rejection as unhandled, the HTTP
 * server keeps the event loop alive, liveness answers 200 and readiness 503 for ever, and an
 * orchestrator never restarts it.
 */
export function exitOnStartupFailure(
  start: Promise<unknown>,
  options: {
    write?: (line: string, done: () => void) => void;
    exit?: (code: number) => void;
  } = {},
): Promise<void> {
  const write =
    options.write ??
    ((line: string, done: () => void) => {
      process.stderr.write(`${line}\n`, () => done());
    });
  const exit = options.exit ?? ((code: number) => process.exit(code));
  return start.then(
    () => undefined,
    error =>
      new Promise<void>(resolve => {
        write(startupFailureLogLine(error, new Date()), () => {
          exit(1);
          resolve();
        });
      }),
  );
}
