import { isDeepStrictEqual } from 'node:util';
import { InputError } from '@backstage/errors';
import {
  ObserverMapName,
  formatHcl,
  parseHcl,
} from '@thanos-backstage/plugin-thanos-node';
import { shownInput } from '../shownInput';

/**
 * How the editors of the observer file prove an edit before anyone writes it (the steps are
 * described in `ObserverMapEditor.ts`): with HashiCorp's own formatter and parser, never with the
 * scanner that planned the edit.
 */

/** HashiCorp's parse of `source`, or a refusal naming the file and `what` did not parse. */
export async function parseOrRefuse(
  path: string,
  source: string,
  what: string,
): Promise<Record<string, unknown>> {
  try {
    return await parseHcl(path, source);
  } catch (e) {
    throw new InputError(
      `${path}: ${what} does not parse with HashiCorp's HCL parser: ${String(
        (e as Error)?.message ?? e,
      )}`,
    );
  }
}

/** The refusal when the scanner and HashiCorp's parser see `key` in `map` differently. */
export function parserDisagrees(
  path: string,
  map: ObserverMapName,
  key: string,
): InputError {
  return new InputError(
    `${path}: HashiCorp's parser and the editor disagree on whether inputs.${map} holds ${shownInput(
      key,
    )}; edit this file by hand`,
  );
}

/**
 * Refuses `edited` unless `terraform fmt` treats it as it treats the original: when the original
 * is fmt-clean, the edited file must be too; when it is not, the edited file must format like the
 * formatted original with the same edit (`editFormatted`). Then refuses it unless it parses to
 * the original's parsed form changed by `expectParsed`, and nothing else.
 */
export async function proveObserverEdit(proof: {
  path: string;
  source: string;
  edited: string;
  /** The same edit, planned afresh on the formatted original. */
  editFormatted(formattedSource: string): string;
  parsedOriginal: Record<string, unknown>;
  /** Changes a plain copy of the original's parsed form into what the edited file must parse to. */
  expectParsed(copy: any): void;
  /** What fmt would do otherwise, e.g. "after removing the entries, terraform fmt would change the file beyond them". */
  formatRefusal: string;
  /** What the edited file must parse to, e.g. "the original settings minus the two entries". */
  expectedSettings: string;
}): Promise<void> {
  const { path, source, edited } = proof;
  const formattedOriginal = await formatHcl(source);
  const expectedFormatted =
    formattedOriginal === source
      ? edited
      : proof.editFormatted(formattedOriginal);
  if ((await formatHcl(edited)) !== expectedFormatted) {
    throw new InputError(
      `${path}: ${proof.formatRefusal}, so the edit was not made; the layout around the observer maps is unusual, edit this file by hand`,
    );
  }

  const parsedEdited = await parseOrRefuse(
    path,
    edited,
    'the edited observer file',
  );
  // A JSON round trip gives both sides plain objects of one realm: the parser's objects come from
  // the WebAssembly bridge, and a deep comparison also compares prototypes.
  const expected = JSON.parse(JSON.stringify(proof.parsedOriginal));
  proof.expectParsed(expected);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsedEdited)), expected)) {
    throw new InputError(
      `${path}: the edited observer file does not parse to ${proof.expectedSettings}, so the edit was not made`,
    );
  }
}
