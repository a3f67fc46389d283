import {
  flagValue,
  inlineBucket,
  redactInlineConfigs,
  thanosVersionFromImage,
} from './compactorWorkloads';

/** Image references and args as the bitnami chart and upstream Thanos manifests write them. */
describe('compactor workload facts', () => {
  it.each([
    ['docker.io/bitnami/thanos:0.38.0-debian-12-r3', '0.38.0'],
    ['quay.io/thanos/thanos:v0.38.0', 'v0.38.0'],
    ['registry.local:5000/thanos/thanos:v0.37.2@sha256:0123abcd', 'v0.37.2'],
    [
      'quay.io/thanos/thanos:main-2026-11-01-1a2b3c4',
      'main-2026-11-01-1a2b3c4',
    ],
    ['quay.io/thanos/thanos@sha256:0123abcd', null],
  ])('reads the Thanos version of %s', (image, version) => {
    expect(thanosVersionFromImage(image)).toBe(version);
  });

  it('reads flags written with = or as a separate argument, and bare boolean flags', () => {
    const args = [
      'compact',
      '--retention.resolution-raw',
      '30d',
      '--downsampling.disable',
      '--wait',
    ];
    expect(flagValue(args, 'retention.resolution-raw')).toBe('30d');
    expect(flagValue(args, 'downsampling.disable')).toBe('');
    expect(flagValue(args, 'retention.resolution-1h')).toBeUndefined();
  });

  it('reads the bucket of an inline objstore config and hides its credentials', () => {
    const args = [
      'compact',
      '--objstore.config=type: S3\nconfig:\n  bucket: thanos-store-observee\n  access_key: AKIAEXAMPLE\n  secret_key: wJalrXUtnFEMI',
      '--tracing.config',
      'type: JAEGER',
      '--objstore.config-file=/conf/objstore.yml',
    ];
    expect(inlineBucket(args)).toBe('thanos-store-observee');
    expect(redactInlineConfigs(args)).toEqual([
      'compact',
      '--objstore.config=<redacted>',
      '--tracing.config',
      '<redacted>',
      '--objstore.config-file=/conf/objstore.yml',
    ]);
  });
});
