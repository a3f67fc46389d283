import { exitOnStartupFailure, startupFailureLogLine } from './startupFailure';

const NOW = new Date('2026-12-01T10:00:00.000Z');

// The shape of Backstage's BackendStartupError message (backend-app-api 1.x): a heading, then one
// indented line per plugin or module that failed.
class BackendStartupError extends Error {
  name = 'BackendStartupError';
}

describe('startupFailureLogLine', () => {
  it('puts every failed plugin of a Backstage start-up error on one JSON line', () => {
    const error = new BackendStartupError(
      [
        'Backend startup failed due to the following errors:',
        "  Plugin 'catalog' startup failed; caused by MigrationLocked: Migration table is already locked",
        '  Plugin \'search\' startup failed; caused by error: relation "knex_migrations_lock" already exists',
      ].join('\n'),
    );

    const line = startupFailureLogLine(error, NOW);

    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      level: 'error',
      message:
        "Backend failed to start, exiting: BackendStartupError: Backend startup failed due to the following errors: Plugin 'catalog' startup failed; caused by MigrationLocked: Migration table is already locked; Plugin 'search' startup failed; caused by error: relation \"knex_migrations_lock\" already exists",
      service: 'backstage',
      timestamp: '2026-12-01T10:00:00.000Z',
    });
  });

  it('describes a rejection that is not an Error', () => {
    expect(JSON.parse(startupFailureLogLine('port 7007 in use', NOW))).toEqual(
      expect.objectContaining({
        message: 'Backend failed to start, exiting: port 7007 in use',
      }),
    );
  });
});

describe('exitOnStartupFailure', () => {
  it('writes the cause and exits with code 1 when start-up fails', async () => {
    const lines: string[] = [];
    const exit = jest.fn();

    await exitOnStartupFailure(Promise.reject(new Error('listen EADDRINUSE')), {
      write: (line, done) => {
        lines.push(line);
        done();
      },
      exit,
    });

    expect(exit).toHaveBeenCalledWith(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).message).toBe(
      'Backend failed to start, exiting: Error: listen EADDRINUSE',
    );
  });

  it('leaves a backend that started alone', async () => {
    const exit = jest.fn();
    const write = jest.fn();

    await exitOnStartupFailure(Promise.resolve({ result: {} }), {
      write,
      exit,
    });

    expect(exit).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
  });
});
