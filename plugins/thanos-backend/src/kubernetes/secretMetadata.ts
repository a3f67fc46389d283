/**
 * Reading a Secret without its contents. The API server is asked for `PartialObjectMetadata`
 * (`Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1`), which carries
 * `metadata` only. Should a server or proxy ignore that and send the whole Secret, the parser
 * drops `data`, `stringData` and kubectl's last-applied annotation (which repeats the data) while
 * parsing, and nothing but the key names recorded in `managedFields` is kept.
 */

export const PARTIAL_OBJECT_METADATA =
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const DROPPED_KEYS = new Set(['data', 'stringData', LAST_APPLIED]);

export interface SecretMetadata {
  name: string;
  namespace: string;
  /**
   * Key names as recorded by server-side field tracking (`managedFields[].fieldsV1["f:data"]`),
   * sorted; null when the server kept no field tracking for the object.
   */
  keys: string[] | null;
}

export function parseSecretMetadata(text: string): SecretMetadata {
  const parsed = JSON.parse(text, (key, value) =>
    DROPPED_KEYS.has(key) ? undefined : value,
  ) as {
    metadata?: {
      name?: string;
      namespace?: string;
      managedFields?: Array<{ fieldsV1?: Record<string, unknown> }>;
    };
  };
  const metadata = parsed.metadata ?? {};
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    keys: keysFromManagedFields(metadata.managedFields),
  };
}

function keysFromManagedFields(
  managedFields: Array<{ fieldsV1?: Record<string, unknown> }> | undefined,
): string[] | null {
  if (!managedFields || managedFields.length === 0) return null;
  const keys = new Set<string>();
  for (const entry of managedFields) {
    const data = entry.fieldsV1?.['f:data'];
    if (data && typeof data === 'object') {
      for (const field of Object.keys(data)) {
        if (field.startsWith('f:')) keys.add(field.slice(2));
      }
    }
  }
  return [...keys].sort();
}
