import { parse as parseYaml } from 'yaml';
import { formatHcl, parseHcl } from '@thanos-backstage/plugin-thanos-node';
import { exampleRepoFiles } from '../__testUtils__/infraRepoFixture';

/** The example repo (examples/infra-repo) is what the demo template fetches: keep it fmt-clean. */
describe('examples/infra-repo', () => {
  const files = exampleRepoFiles();

  it('holds only HCL files that terraform fmt leaves unchanged and that parse', async () => {
    const hcl = Object.entries(files).filter(([p]) => p.endsWith('.hcl'));
    expect(hcl.length).toBe(9);
    for (const [p, text] of hcl) {
      expect({ p, text: await formatHcl(text) }).toEqual({ p, text });
      // The root holds only the remote state; every unit includes it.
      await expect(parseHcl(p, text)).resolves.toHaveProperty(
        p === 'terragrunt/live/terragrunt.hcl' ? 'remote_state' : 'include',
      );
    }
  });

  it('lists the existing observees in both observer maps', async () => {
    const observer: any = await parseHcl(
      'observer',
      files[
        'terragrunt/live/thanos/eu-west-1/clusters/observer/eks-addons/terragrunt.hcl'
      ],
    );
    expect(Object.keys(observer.inputs['thanos-tls-querier'])).toEqual([
      'observee',
      'observee-2',
    ]);
    expect(Object.keys(observer.inputs['thanos-storegateway'])).toEqual([
      'observee',
      'observee-2',
    ]);
    expect(observer.inputs.thanos.generate_ca).toBe(true);
  });

  it("serves each observee's sidecar at the host and bucket the observer expects", async () => {
    const observer: any = await parseHcl(
      'observer',
      files[
        'terragrunt/live/thanos/eu-west-1/clusters/observer/eks-addons/terragrunt.hcl'
      ],
    );
    const suffix = 'thanos.platform.example.com';
    // `observee` (eu-west-3) is listed in the maps only; see examples/infra-repo/README.md.
    for (const [key, region] of [['observee-2', 'eu-west-1']]) {
      const addons: any = await parseHcl(
        key,
        files[
          `terragrunt/live/thanos/${region}/clusters/${key}/eks-addons/terragrunt.hcl`
        ],
      );
      const ingress = parseYaml(
        addons.inputs['kube-prometheus-stack'].extra_values,
      ).prometheus.thanosIngress;
      const [store] = observer.inputs['thanos-tls-querier'][key].stores;
      expect(store.replace('${local.default_domain_suffix}', suffix)).toBe(
        `${ingress.hosts[0]}:443`,
      );
      expect(observer.inputs['thanos-storegateway'][key]).toMatchObject({
        bucket: `thanos-store-acme-thanos-${key}`,
        region,
      });
    }
  });

  it('has the value files the generator reads', () => {
    expect(parseYaml(files['terragrunt/live/thanos/env_tags.yaml'])).toEqual({
      Env: 'thanos',
    });
    expect(
      parseYaml(files['terragrunt/live/global_values.yaml']),
    ).toMatchObject({
      prefix: 'acme',
      default_domain_name: 'example.com',
    });
  });
});
