import { ConfigReader } from '@backstage/config';
import { readProviderConfigs } from './config';

const provider = {
  target: 'https://github.com/acme/infra/tree/main/terragrunt/live',
  instance: 'observer',
  owner: 'group:default/platform-team',
  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
};

const read = (providers: object) =>
  readProviderConfigs(
    new ConfigReader({ catalog: { providers: { thanos: providers } } }),
  );

describe('readProviderConfigs', () => {
  it('reads every provider with its schedule', () => {
    expect(read({ infra: { ...provider, environments: ['thanos'] } })).toEqual([
      {
        id: 'infra',
        target: provider.target,
        environments: ['thanos'],
        instance: 'observer',
        owner: 'group:default/platform-team',
        system: undefined,
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 3 },
        },
      },
    ]);
    expect(readProviderConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('names the key that is wrong', () => {
    const { schedule: _s, ...noSchedule } = provider;
    expect(() => read({ infra: noSchedule })).toThrow(
      'catalog.providers.thanos.infra.schedule is missing',
    );
    expect(() =>
      read({ infra: { ...provider, owner: 'group:default/' } }),
    ).toThrow(/catalog\.providers\.thanos\.infra\.owner/);
    const { instance: _i, ...noInstance } = provider;
    expect(() => read({ infra: noInstance })).toThrow(/instance/);
  });
});
