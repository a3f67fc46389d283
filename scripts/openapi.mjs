// The thanos routes have one description, plugins/thanos-backend/src/schema/openapi.yaml. This
// script writes what is derived from it:
//   - plugins/thanos-backend/src/schema/openapi.generated.ts: the spec as a typed constant, from
//     which the backend builds its validated router;
//   - plugins/thanos-common/src/schema/openapi.generated.ts: TypeScript types of every route
//     (openapi-typescript), from which the frontend client is typed.
// Run `yarn build:openapi` after editing the spec; `yarn test:openapi` (CI) fails when a generated
// file no longer matches the spec.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specPath = path.join(
  root,
  'plugins/thanos-backend/src/schema/openapi.yaml',
);
const outputs = {
  spec: path.join(
    root,
    'plugins/thanos-backend/src/schema/openapi.generated.ts',
  ),
  types: path.join(
    root,
    'plugins/thanos-common/src/schema/openapi.generated.ts',
  ),
};
const HEADER =
  '// Generated from plugins/thanos-backend/src/schema/openapi.yaml by `yarn build:openapi`.\n' +
  '// Do not edit: change the spec and run the script again.\n';

async function format(file, text) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

async function generate() {
  const source = await readFile(specPath, 'utf8');
  const spec = YAML.parse(source);
  const specFile =
    `${HEADER}\n` +
    `/** The thanos routes' OpenAPI document. @internal */\n` +
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;\n`;
  const ast = await openapiTS(spec, { alphabetize: true });
  const typesFile =
    `${HEADER}/* eslint-disable */\n\n` +
    astToString(ast)
      // TSDoc (the API reports) knows neither tag; the text after @description is the doc.
      .replace(/@description /g, '')
      .replace(/^\s*\/\*\* @enum \{\w+\} \*\/\n/gm, '')
      .replace(/^export interface /gm, '/** @public */\nexport interface ')
      .replace(/^export type /gm, '/** @public */\nexport type ');
  return {
    [outputs.spec]: await format(outputs.spec, specFile),
    [outputs.types]: await format(outputs.types, typesFile),
  };
}

const check = process.argv.includes('--check');
const files = await generate();
let stale = 0;
for (const [file, text] of Object.entries(files)) {
  const relative = path.relative(root, file);
  if (check) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== text) {
      stale++;
      console.error(
        `${relative} does not match openapi.yaml; run yarn build:openapi`,
      );
    }
  } else {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    console.log(`wrote ${relative}`);
  }
}
if (check) {
  if (stale > 0) process.exit(1);
  console.log('the generated OpenAPI files match the spec');
}
