import fs from 'fs';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import { formatHcl, parseHcl } from '@thanos-backstage/plugin-thanos-node';
import { deriveEnvironmentValues } from '@thanos-backstage/plugin-thanos-node';
import { TEKS_OBSERVEE, TEKS_VALUE_FILES } from './__fixtures__/teksReference';
import { renderObservee } from './renderObservee';
import { withDefaults } from '../actions/createObservee';
import { DEFAULT_MODULE_VERSIONS } from './request';

/**
 * Golden files: the full output for the reference observee (teks `thanos` env, observee in
 * eu-west-3, observer in eu-west-1). Regenerate with `UPDATE_GOLDEN=1`, then review the diff.
 */
const GOLDEN_DIR = path.join(__dirname, '__golden__', 'teks-observee');

const file = (p: keyof typeof TEKS_VALUE_FILES) => ({
  path: p,
  text: TEKS_VALUE_FILES[p],
});
const env = deriveEnvironmentValues({
  globalValues: file('terragrunt/live/global_values.yaml'),
  globalTags: file('terragrunt/live/global_tags.yaml'),
  envTags: file('terragrunt/live/thanos/env_tags.yaml'),
});
const request = withDefaults({
  environment: 'thanos',
  region: 'eu-west-3',
  name: 'observee',
  observer: { region: 'eu-west-1', name: 'observer' },
  compactor: { retention5m: '90d' },
});

function unescapeTemplate(text: string) {
  return text.replace(/([$%])\1\{/g, '$1{');
}

describe('renderObservee on the reference repo', () => {
  let rendered: Awaited<ReturnType<typeof renderObservee>>;
  const byPath = (suffix: string) =>
    rendered.files.find(f => f.path.endsWith(suffix))!.content;

  beforeAll(async () => {
    rendered = await renderObservee(request, env, { regionIsNew: true });
  });

  it('matches the golden files', () => {
    const expectedPaths = [
      'terragrunt/live/thanos/eu-west-3/region_values.yaml',
      'terragrunt/live/thanos/eu-west-3/clusters/observee/cluster_values.yaml',
      'terragrunt/live/thanos/eu-west-3/clusters/observee/vpc/terragrunt.hcl',
      'terragrunt/live/thanos/eu-west-3/clusters/observee/vpc-endpoints/terragrunt.hcl',
      'terragrunt/live/thanos/eu-west-3/clusters/observee/eks/terragrunt.hcl',
      'terragrunt/live/thanos/eu-west-3/clusters/observee/eks-addons/terragrunt.hcl',
    ];
    expect(rendered.files.map(f => f.path)).toEqual(expectedPaths);
    for (const f of rendered.files) {
      const golden = path.join(GOLDEN_DIR, f.path);
      if (process.env.UPDATE_GOLDEN) {
        fs.mkdirSync(path.dirname(golden), { recursive: true });
        fs.writeFileSync(golden, f.content);
      }
      expect(f.content).toBe(fs.readFileSync(golden, 'utf8'));
    }
  });

  it('computes the cluster name and bucket the reference computes', () => {
    expect(rendered.names.clusterName).toBe(TEKS_OBSERVEE.clusterName);
    expect(rendered.names.bucket).toBe(TEKS_OBSERVEE.bucket);
    expect(env.domainSuffix).toBe(TEKS_OBSERVEE.domainSuffix);
    expect(rendered.names.observeeKey).toBe('observee');
  });

  it('gives the cluster its own sidecar host instead of the shared one', () => {
    expect(rendered.names.sidecarHost).toBe(
      `thanos-sidecar.observee.${TEKS_OBSERVEE.domainSuffix}`,
    );
    expect(rendered.names.sidecarHost).not.toBe(TEKS_OBSERVEE.sidecarHost);
  });

  it('writes units that HashiCorp formatting leaves unchanged', async () => {
    for (const f of rendered.files.filter(x => x.path.endsWith('.hcl'))) {
      expect(await formatHcl(f.content)).toBe(f.content);
    }
  });

  it('points the thanos-ca dependency at the observer eks-addons unit, like the reference', async () => {
    const parsed: any = await parseHcl(
      'eks-addons',
      byPath('eks-addons/terragrunt.hcl'),
    );
    expect(parsed.dependency['thanos-ca'][0].config_path).toBe(
      TEKS_OBSERVEE.thanosCaConfigPath,
    );
    expect(parsed.inputs.thanos.trusted_ca_content).toBe(
      '${dependency.thanos-ca.outputs.thanos_ca}',
    );
  });

  it('differs from the reference kube-prometheus-stack values only in the sidecar host', async () => {
    const parsed: any = await parseHcl(
      'eks-addons',
      byPath('eks-addons/terragrunt.hcl'),
    );
    const kps = parsed.inputs['kube-prometheus-stack'];
    expect(kps.thanos_sidecar_enabled).toBe(true);
    const values = parseYaml(unescapeTemplate(kps.extra_values));
    const host = rendered.names.sidecarHost;
    expect(values.grafana).toEqual({ enabled: false });
    expect(values.prometheus.thanosIngress).toEqual({
      enabled: true,
      ingressClassName: 'nginx',
      annotations: TEKS_OBSERVEE.thanosIngressAnnotations,
      hosts: [host],
      paths: ['/'],
      tls: [{ secretName: host, hosts: [host] }],
    });
    expect(values.prometheus.prometheusSpec).toEqual(
      TEKS_OBSERVEE.prometheusSpec,
    );
  });

  it('runs only the compactor of Thanos, with retention per resolution', async () => {
    const parsed: any = await parseHcl(
      'eks-addons',
      byPath('eks-addons/terragrunt.hcl'),
    );
    const values = parseYaml(
      unescapeTemplate(parsed.inputs.thanos.extra_values),
    );
    expect(values.compactor).toEqual({
      enabled: true,
      retentionResolutionRaw: '30d',
      retentionResolution5m: TEKS_OBSERVEE.compactorRetention5m,
      retentionResolution1h: '1y',
    });
    for (const off of TEKS_OBSERVEE.thanosComponentsOff) {
      expect(values[off]).toEqual({ enabled: false });
    }
  });

  it('keeps the reference VPC layout', async () => {
    const parsed: any = await parseHcl('vpc', byPath('vpc/terragrunt.hcl'));
    expect(parsed.inputs.cidr).toBe(TEKS_OBSERVEE.vpc.cidr);
    expect(parsed.inputs.private_subnets).toEqual(
      TEKS_OBSERVEE.vpc.private_subnets,
    );
    expect(parsed.inputs.public_subnets).toEqual(
      TEKS_OBSERVEE.vpc.public_subnets,
    );
    expect(parsed.locals[0].cluster_name).toBe(
      '${local.prefix}-${local.env}-${local.name}',
    );
  });

  it('pins module versions where the reference floats, with the current EKS input names', async () => {
    const sources = await Promise.all(
      ['vpc', 'vpc-endpoints', 'eks', 'eks-addons'].map(async u => {
        const parsed: any = await parseHcl(u, byPath(`/${u}/terragrunt.hcl`));
        return parsed.terraform[0].source as string;
      }),
    );
    expect(sources).toEqual([
      `github.com/terraform-aws-modules/terraform-aws-vpc?ref=${DEFAULT_MODULE_VERSIONS.vpc}`,
      `github.com/terraform-aws-modules/terraform-aws-vpc//modules/vpc-endpoints?ref=${DEFAULT_MODULE_VERSIONS.vpc}`,
      `github.com/terraform-aws-modules/terraform-aws-eks?ref=${DEFAULT_MODULE_VERSIONS.eks}`,
      `github.com/particuleio/terraform-kubernetes-addons.git//modules/aws?ref=${DEFAULT_MODULE_VERSIONS.addons}`,
    ]);
    for (const ref of Object.values(TEKS_OBSERVEE.moduleRefs)) {
      expect(sources.some(s => s.endsWith(`?ref=${ref}`))).toBe(false);
    }
    const eks: any = await parseHcl('eks', byPath('/eks/terragrunt.hcl'));
    expect(Object.keys(eks.inputs)).toEqual(
      expect.arrayContaining([
        'name',
        'kubernetes_version',
        'subnet_ids',
        'eks_managed_node_groups',
      ]),
    );
    expect(eks.inputs).not.toHaveProperty('cluster_version');
    expect(eks.inputs).not.toHaveProperty('node_groups');
    expect(eks.inputs.kubernetes_version).toBe('1.34');
  });
});
