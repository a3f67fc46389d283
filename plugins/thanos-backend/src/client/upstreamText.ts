import type { StoreEndpoint } from '@thanos-backstage/plugin-thanos-common';

/**
 * Text that came from an upstream and is carried into answers: bounded in size, and scrubbed of
 * the configured secrets in every form an upstream might echo them (as sent, upper- or
 * lower-cased, URL- or form-encoded, base64).
 */

/** Label values longer than an annotation value may be (1024) can match nothing anyway. */
export const MAX_UPSTREAM_LABEL_LENGTH = 1024;
/** Error texts, names and versions: long enough for any real one, short enough for a table. */
export const MAX_UPSTREAM_TEXT_LENGTH = 2048;
/** Label sets per store entry; Thanos lists one per external label set it serves. */
const MAX_LABEL_SETS = 64;
const MAX_LABELS_PER_SET = 64;

/** `text` cut to `max` characters, with an ellipsis when it was longer. */
export function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Secrets shorter than this are not scrubbed: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** Removes configured secrets from upstream text, whatever the letter case or encoding. */
export class SecretRedactor {
  static readonly none = new SecretRedactor([]);

  private readonly pattern?: RegExp;

  constructor(secrets: string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of encodings(secret)) forms.add(form);
    }
    if (forms.size > 0) {
      // Longest first, so a form that contains another is removed whole.
      const alternatives = [...forms]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp);
      this.pattern = new RegExp(alternatives.join('|'), 'gi');
    }
  }

  redact(text: string): string {
    return this.pattern ? text.replace(this.pattern, '[redacted]') : text;
  }
}

function encodings(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
  ].filter(form => form.length >= MIN_SECRET_LENGTH);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A store entry as it may be shown: Thanos' own `lastError` (translated into causes with a fix by
 * the rules, so it is kept) and names scrubbed of secrets, and every string bounded.
 */
export function boundedEndpoint(
  endpoint: StoreEndpoint,
  redactor: SecretRedactor,
): StoreEndpoint {
  const text = (value: string) =>
    capText(redactor.redact(value), MAX_UPSTREAM_TEXT_LENGTH);
  return {
    ...endpoint,
    name: text(endpoint.name),
    type: capText(endpoint.type, 64),
    lastCheck:
      endpoint.lastCheck === null ? null : capText(endpoint.lastCheck, 64),
    lastError: endpoint.lastError === null ? null : text(endpoint.lastError),
    labelSets: endpoint.labelSets.slice(0, MAX_LABEL_SETS).map(labelSet => {
      const bounded: Record<string, string> = {};
      for (const [name, value] of Object.entries(labelSet).slice(
        0,
        MAX_LABELS_PER_SET,
      )) {
        bounded[capText(name, 128)] = capText(value, MAX_UPSTREAM_LABEL_LENGTH);
      }
      return bounded;
    }),
  };
}

/**
 * A JSON value (the Kubernetes inside view) with every string capped at
 * {@link MAX_UPSTREAM_TEXT_LENGTH} and every list at `maxItems`: object names, images, messages
 * and pod lists come from the cluster and are carried into answers as they are.
 */
export function boundedJson<T>(value: T, maxItems = 200): T {
  if (typeof value === 'string') {
    return capText(value, MAX_UPSTREAM_TEXT_LENGTH) as T;
  }
  if (Array.isArray(value)) {
    return value
      .slice(0, maxItems)
      .map(item => boundedJson(item, maxItems)) as T;
  }
  if (value && typeof value === 'object') {
    const bounded: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      bounded[key] = boundedJson(item, maxItems);
    }
    return bounded as T;
  }
  return value;
}
