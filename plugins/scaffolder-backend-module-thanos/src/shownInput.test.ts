import { InputError } from '@backstage/errors';
import { teksEnvironment } from './observee/__fixtures__/teksReference';
import { renderObservee } from './observee/renderObservee';
import { withDefaults } from './actions/createObservee';
import { validateObserveeRequest } from './observee/validate';
import { validateObserverRegistration } from './observer/registration';
import { MAX_SHOWN_INPUT_LENGTH, shownInput } from './shownInput';

const HUGE = 5 * 1024 * 1024;

const env = teksEnvironment();

/** The refusal of `run`, which must be an InputError. */
async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('the input was accepted');
}

describe('echoed input', () => {
  it('quotes a value and cuts a long one', () => {
    expect(shownInput('eu-west-3')).toBe('"eu-west-3"');
    expect(shownInput(42)).toBe('42');
    const shown = shownInput('x'.repeat(1000));
    expect(shown).toBe(`"${'x'.repeat(MAX_SHOWN_INPUT_LENGTH)}…"`);
    expect(shownInput({ a: 'y'.repeat(1000) }).length).toBeLessThanOrEqual(
      2 * MAX_SHOWN_INPUT_LENGTH + 1,
    );
  });

  it.each([
    ['one 5 MB DNS label', 'a'.repeat(HUGE)],
    ['5 MB of short labels', 'ab.'.repeat(HUGE / 3)],
    ['5 MB that is no DNS name', `${'A_'.repeat(HUGE / 2)}.example.com`],
  ])(
    'a sidecarHost of %s comes back shortened in the refusal',
    async (_case, sidecarHost) => {
      const message = await refusal(async () => {
        const req = withDefaults({
          environment: 'thanos',
          region: 'eu-west-3',
          name: 'observee',
          observer: { region: 'eu-west-1', name: 'observer' },
          sidecarHost,
        });
        validateObserveeRequest(req);
        await renderObservee(req, env, { regionIsNew: false });
      });
      expect(message).toMatch(/^sidecarHost/);
      expect(message.length).toBeLessThan(500);
    },
  );

  it.each([
    ['observee.key', { key: 'k'.repeat(HUGE) }],
    ['observee.sidecarHost', { sidecarHost: 'h'.repeat(HUGE) }],
    ['observee.bucket', { bucket: 'B'.repeat(HUGE) }],
  ])('the observer registration shortens a huge %s', async (field, huge) => {
    const message = await refusal(() =>
      validateObserverRegistration({
        repoPath: '.',
        outputPath: 'pr',
        liveDir: 'terragrunt/live',
        environment: 'thanos',
        observer: { region: 'eu-west-1', name: 'observer' },
        observee: {
          key: 'observee',
          sidecarHost: 'thanos-sidecar.observee.example.com',
          bucket: 'observee-thanos',
          region: 'eu-west-3',
          ...huge,
        },
        ifExists: 'fail',
      }),
    );
    expect(message).toMatch(new RegExp(`^${field.replace('.', '\\.')}`));
    expect(message.length).toBeLessThan(500);
  });
});
