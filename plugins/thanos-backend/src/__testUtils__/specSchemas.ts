import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import { spec } from '../schema/openapi.generated';

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date-time', value => !Number.isNaN(Date.parse(value)));
const components = JSON.parse(JSON.stringify(spec.components));
const compiled = new Map<string, ValidateFunction>();

type SchemaName = keyof typeof spec.components.schemas;

/**
 * The problems of `body` against the named schema of the routes' OpenAPI document (empty when it
 * matches), so tests check that what the backend sends is what the frontend is typed from.
 */
export function specProblems(
  body: unknown,
  schema: SchemaName,
  options: { array?: boolean } = {},
): string[] {
  const key = `${schema}${options.array ? '[]' : ''}`;
  let validate = compiled.get(key);
  if (!validate) {
    const ref = { $ref: `#/components/schemas/${schema}` };
    validate = ajv.compile({
      components,
      ...(options.array ? { type: 'array', items: ref } : ref),
    });
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    error => `${error.instancePath || '/'} ${error.message}`,
  );
}
