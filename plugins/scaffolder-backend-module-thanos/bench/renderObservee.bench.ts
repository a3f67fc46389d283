/**
 * Rendering cost of `thanos:observee:create`: one cluster and 100 clusters, with HashiCorp's
 * format + parse step (what the action runs) and without it (string rendering only, the baseline).
 * Prints mean/p50/p95 per cluster. Run with `yarn bench` in this package; it asserts nothing.
 */
import {
  EnvironmentValues,
  formatAndValidateHcl,
} from '@thanos-backstage/plugin-thanos-node';
import { renderEksAddonsUnit } from '../src/observee/renderEksAddonsUnit';
import { renderEksUnit } from '../src/observee/renderEksUnit';
import {
  renderVpcEndpointsUnit,
  renderVpcUnit,
} from '../src/observee/renderNetworkUnits';
import { renderObservee } from '../src/observee/renderObservee';
import { withDefaults } from '../src/actions/createObservee';
import { ObserveeRequest } from '../src/observee/request';

const env: EnvironmentValues = {
  prefix: 'pio',
  env: 'thanos',
  project: 'teks-tg',
  defaultDomainName: 'clusterfrak-dynamics.io',
  domainSuffix: 'thanos.teks-tg.clusterfrak-dynamics.io',
};

const request = (i: number): ObserveeRequest =>
  withDefaults({
    environment: 'thanos',
    region: 'eu-west-3',
    name: `observee-${i}`,
    observer: { region: 'eu-west-1', name: 'observer' },
  });

/** The four units as strings, no HashiCorp step. */
function renderUnitsOnly(req: ObserveeRequest) {
  const v = req.moduleVersions;
  return [
    renderVpcUnit({ vpcVersion: v.vpc, vpcCidr: req.vpcCidr }),
    renderVpcEndpointsUnit({ vpcVersion: v.vpc }),
    renderEksUnit({
      eksVersion: v.eks,
      kubernetesVersion: req.kubernetesVersion,
      nodeGroup: req.nodeGroup,
    }),
    renderEksAddonsUnit({
      addonsVersion: v.addons,
      observer: req.observer,
      sidecarHost: `thanos-sidecar.${req.name}.${env.domainSuffix}`,
      acmeEmail: 'admin@clusterfrak-dynamics.io',
      prometheus: req.prometheus,
      compactor: req.compactor,
    }),
  ];
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { mean, p50: at(0.5), p95: at(0.95) };
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function measure(clusters: number, withHashicorp: boolean) {
  const perCluster: number[] = [];
  const total = await time(async () => {
    for (let i = 0; i < clusters; i++) {
      const req = request(i);
      perCluster.push(
        await time(async () => {
          if (withHashicorp) {
            await renderObservee(req, env, { regionIsNew: false });
          } else {
            renderUnitsOnly(req);
          }
        }),
      );
    }
  });
  return { total, ...stats(perCluster) };
}

describe('renderObservee benchmark', () => {
  it('prints render times', async () => {
    // Warm up the WASM modules and the JIT so the first sample is not the load time.
    await formatAndValidateHcl('warmup.hcl', renderUnitsOnly(request(0))[3]);
    for (let i = 0; i < 5; i++)
      await renderObservee(request(i), env, { regionIsNew: false });

    const lines: string[] = [];
    for (const clusters of [1, 100]) {
      const full = await measure(clusters, true);
      const base = await measure(clusters, false);
      lines.push(
        `${clusters} cluster(s), with format+parse: total ${fmt(
          full.total,
        )}; per cluster mean ${fmt(full.mean)}, p50 ${fmt(full.p50)}, p95 ${fmt(
          full.p95,
        )}`,
        `${clusters} cluster(s), rendering only:    total ${fmt(
          base.total,
        )}; per cluster mean ${fmt(base.mean)}, p50 ${fmt(base.p50)}, p95 ${fmt(
          base.p95,
        )}; format+parse costs ${(full.mean / base.mean).toFixed(
          0,
        )}x the rendering`,
      );
    }
    // eslint-disable-next-line no-console
    console.log(lines.join('\n'));
    expect(lines).toHaveLength(4);
  });
});
