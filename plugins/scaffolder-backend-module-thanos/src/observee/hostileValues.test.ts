import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { parseHcl } from '@thanos-backstage/plugin-thanos-node';
import {
  escapeTemplateSequences,
  heredocMarker,
  hclHeredoc,
} from '../hcl/heredoc';
import { teksEnvironment } from './__fixtures__/teksReference';
import { renderEksAddonsUnit } from './renderEksAddonsUnit';
import { renderEksUnit } from './renderEksUnit';
import { renderObservee } from './renderObservee';
import { withDefaults } from '../actions/createObservee';
import { DEFAULT_COMPACTOR, DEFAULT_PROMETHEUS } from './request';
import { validateObserveeRequest } from './validate';

/**
 * Hostile values can never change the structure of a generated file: validation refuses most of
 * them, and the encoders (hclString, hclHeredoc, the yaml library) make whatever reaches a file
 * an inert value. Structure is checked on HashiCorp's own parse of the output.
 */

const NASTY = [
  '${local.secret}',
  '%{ if true }x%{ endif }',
  '"\n}\ninputs = {\n  evil = true\n',
  'EXTRA_VALUES',
  '\nEXTRA_VALUES\n',
  'EOF',
  '../../../../etc/passwd',
  'on',
  'é✓日本語\u2028\u2029\u0085',
  '\\"\\n$${x}%%{y}',
  'x'.repeat(3000),
  "'; rm -rf / #",
];
const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .tuple(
      fc.constantFrom(...NASTY),
      fc.string({ unit: 'binary', maxLength: 40 }),
    )
    .map(([a, b]) => a + b),
);

const env = teksEnvironment();

const ADDONS_TOP_LEVEL = [
  'dependency',
  'generate',
  'include',
  'inputs',
  'locals',
  'terraform',
];
const ADDONS_INPUTS = [
  'aws-ebs-csi-driver',
  'aws-load-balancer-controller',
  'cert-manager',
  'cluster-autoscaler',
  'cluster-name',
  'eks',
  'external-dns',
  'ingress-nginx',
  'kube-prometheus-stack',
  'metrics-server',
  'tags',
  'thanos',
];

/**
 * The literal value as HashiCorp's JSON form shows it: template openers stay escaped, and HCL
 * normalises every string literal to Unicode NFC (hclsyntax does so on purpose).
 */
const asParsedLiteral = (value: string) =>
  escapeTemplateSequences(value.normalize('NFC'));
const nfc = (value: string) => value.normalize('NFC');
const heredocYaml = (parsed: string) =>
  parseYaml(parsed.replace(/([$%])\1\{/g, '$1{'));

/** The eks-addons unit parses with its usual structure and carries the values unchanged. */
async function expectInertAddons(
  result: Awaited<ReturnType<typeof renderObservee>>,
  v: { sidecarHost: string; retention: string; name: string },
) {
  const addons = result.files.find(f =>
    f.path.endsWith('eks-addons/terragrunt.hcl'),
  )!;
  const parsed: any = await parseHcl('eks-addons', addons.content);
  expect(Object.keys(parsed).sort()).toEqual(ADDONS_TOP_LEVEL);
  const values = heredocYaml(
    parsed.inputs['kube-prometheus-stack'].extra_values,
  );
  // An empty sidecarHost means "use the default".
  expect(values.prometheus.thanosIngress.hosts).toEqual([
    v.sidecarHost || `thanos-sidecar.${v.name}.${env.domainSuffix}`,
  ]);
  expect(values.prometheus.prometheusSpec.retention).toBe(v.retention);
}

// Property runs parse dozens of files through WASM; give them room on a busy machine.
jest.setTimeout(30_000);

describe('hostile values', () => {
  it('are refused by validation or rendered as inert values (whole action input)', async () => {
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          sidecarHost: fc.oneof(fc.domain(), hostileString),
          storageClass: fc.oneof(fc.constant('gp3'), hostileString),
          retention: fc.oneof(fc.constant('7d'), hostileString),
          name: fc.oneof(fc.constantFrom('observee', 'obs-2'), hostileString),
        }),
        async v => {
          const req = withDefaults({
            environment: 'thanos',
            region: 'eu-west-3',
            name: v.name,
            observer: { region: 'eu-west-1', name: 'observer' },
            sidecarHost: v.sidecarHost,
            prometheus: {
              storageClass: v.storageClass,
              retention: v.retention,
            },
          });
          let result: Awaited<ReturnType<typeof renderObservee>> | undefined;
          let error: unknown;
          try {
            validateObserveeRequest(req);
            result = await renderObservee(req, env, { regionIsNew: false });
          } catch (e) {
            error = e;
          }
          expect(error === undefined || error instanceof InputError).toBe(true);
          if (result) {
            rendered++;
            await expectInertAddons(result, v);
          }
        },
      ),
      { numRuns: 80 },
    );
    // The property must also have exercised the rendering path, not only refusals.
    expect(rendered).toBeGreaterThan(0);
  });

  it('keep the structure of eks-addons and round-trip even when no validation ran', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          host: hostileString,
          storageClass: hostileString,
          retention: hostileString,
          raw: hostileString,
          email: hostileString,
          observerName: hostileString,
          version: hostileString,
        }),
        async v => {
          const text = renderEksAddonsUnit({
            addonsVersion: v.version,
            observer: { region: 'eu-west-1', name: v.observerName },
            sidecarHost: v.host,
            acmeEmail: v.email,
            prometheus: {
              ...DEFAULT_PROMETHEUS,
              storageClass: v.storageClass,
              retention: v.retention,
            },
            compactor: { ...DEFAULT_COMPACTOR, retentionRaw: v.raw },
          });
          const parsed: any = await parseHcl('eks-addons', text);
          expect(Object.keys(parsed).sort()).toEqual(ADDONS_TOP_LEVEL);
          expect(Object.keys(parsed.dependency).sort()).toEqual([
            'eks',
            'thanos-ca',
            'vpc',
          ]);
          expect(Object.keys(parsed.inputs).sort()).toEqual(ADDONS_INPUTS);
          expect(parsed.dependency['thanos-ca'][0].config_path).toBe(
            asParsedLiteral(
              `../../../../eu-west-1/clusters/${v.observerName}/eks-addons`,
            ),
          );
          expect(parsed.terraform[0].source).toBe(
            asParsedLiteral(
              `github.com/particuleio/terraform-kubernetes-addons.git//modules/aws?ref=${v.version}`,
            ),
          );
          expect(parsed.inputs['cert-manager'].acme_email).toBe(
            asParsedLiteral(v.email),
          );
          const kps = heredocYaml(
            parsed.inputs['kube-prometheus-stack'].extra_values,
          );
          expect(kps.prometheus.thanosIngress.hosts).toEqual([nfc(v.host)]);
          expect(kps.prometheus.thanosIngress.tls).toEqual([
            { secretName: nfc(v.host), hosts: [nfc(v.host)] },
          ]);
          expect(kps.prometheus.prometheusSpec.retention).toBe(
            nfc(v.retention),
          );
          expect(
            kps.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec
              .storageClassName,
          ).toBe(nfc(v.storageClass));
          const thanos = heredocYaml(parsed.inputs.thanos.extra_values);
          expect(thanos.compactor.retentionResolutionRaw).toBe(nfc(v.raw));
          expect(Object.keys(thanos).sort()).toEqual([
            'compactor',
            'query',
            'queryFrontend',
            'storegateway',
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keep the structure of the eks unit and round-trip without validation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ k8s: hostileString, instance: hostileString }),
        async v => {
          const text = renderEksUnit({
            eksVersion: 'v21.19.0',
            kubernetesVersion: v.k8s,
            nodeGroup: {
              instanceTypes: [v.instance],
              min: 1,
              max: 2,
              desired: 1,
            },
          });
          const parsed: any = await parseHcl('eks', text);
          expect(parsed.inputs.kubernetes_version).toBe(asParsedLiteral(v.k8s));
          const groups = parsed.inputs.eks_managed_node_groups;
          expect(Object.keys(groups)).toEqual(['default-${local.aws_region}']);
          expect(groups['default-${local.aws_region}'].instance_types).toEqual([
            asParsedLiteral(v.instance),
          ]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never lets a heredoc body line close the heredoc', async () => {
    const body = 'a: 1\nEXTRA_VALUES\n  EXTRA_VALUES_1\nb: 2';
    expect(heredocMarker('EXTRA_VALUES', body)).toBe('EXTRA_VALUES_2');
    const parsed: any = await parseHcl(
      'x',
      `v = ${hclHeredoc('EXTRA_VALUES', body, '  ')}\n`,
    );
    expect(parsed.v).toBe(`${body}\n`);
  });
});
