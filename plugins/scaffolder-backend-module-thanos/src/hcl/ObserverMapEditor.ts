import { ConflictError, InputError } from '@backstage/errors';
import { shownInput } from '../shownInput';
import { ScannedHcl } from '@thanos-backstage/plugin-thanos-node';
import {
  ObserverMapLocator,
  inputsNotAnObject,
  lineStartBefore,
} from './ObserverMapLocator';
import {
  parseOrRefuse,
  parserDisagrees,
  proveObserverEdit,
} from './observerEditProof';
import {
  OBSERVER_MAPS,
  Observee,
  ObserverMapName,
  entryValue,
  renderEntryLines,
  renderMapLines,
} from './observerEntries';

/**
 * Registers an observee in the observer's `eks-addons/terragrunt.hcl` by inserting one entry into
 * `inputs.thanos-tls-querier` and one into `inputs.thanos-storegateway` (adding a map that does
 * not exist yet), and changes nothing else: every byte of the original file is still there, in
 * order, so a reviewer's diff shows only added lines.
 *
 * Why not re-print the file: HashiCorp's hclwrite has no API for keys inside an object expression,
 * and merges built on it re-sort keys, drop comments and, on this file shape, emit invalid HCL
 * (docs/infra-repo.md, "Editing the observer file"). So the editor finds the maps in the text
 * (`ObserverMapLocator.ts`), splices the new entries in, and then proves the result with
 * HashiCorp's own formatter and parser (`observerEditProof.ts`):
 *
 * 1. the original must parse; the map keys found by the scanner must agree with the parser;
 * 2. formatting: when the original is `terraform fmt`-clean, the edited file must be too
 *    (`format(edited) === edited`). When it is not, the editor does not reformat it (that would
 *    change bytes outside the entries); it applies the same insertion to `format(original)` and
 *    requires `format(edited)` to equal that. Either way the inserted text is exactly what fmt
 *    would print and does not change how fmt treats any other line;
 * 3. the edited file must parse to the original's parsed form plus exactly the two new entries.
 * Any failure refuses the edit; nothing is returned to write.
 */

export type IfExists = 'fail' | 'skip';

export interface ObserverEditRequest {
  /** The observer file, exactly as read. */
  source: string;
  /** Repo-relative path, used in messages. */
  path: string;
  observee: Observee;
  ifExists: IfExists;
}

export interface Insertion {
  offset: number;
  text: string;
}

export type ObserverEditResult =
  | { outcome: 'registered'; text: string; insertions: Insertion[] }
  | { outcome: 'already-registered'; text: string; insertions: [] };

function lineEndingOf(source: string): string {
  const nl = source.indexOf('\n');
  return nl > 0 && source[nl - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Where and what to insert so that `lines` end up just before the `}` of the object opened by
 * token `openIndex`, whose own key sits at nesting `depth`.
 */
function insertBeforeClose(
  scanned: ScannedHcl,
  openIndex: number,
  lines: string[],
  depth: number,
  eol: string,
  what: string,
  path: string,
): Insertion {
  const { source, tokens, partner } = scanned;
  const open = tokens[openIndex];
  const close = tokens[partner.get(openIndex)!];
  const lineStart = lineStartBefore(source, close.start);
  if (
    lineStart > open.end &&
    /^[ \t]*$/.test(source.slice(lineStart, close.start))
  ) {
    return {
      offset: lineStart,
      text: lines.map(line => `${line}${eol}`).join(''),
    };
  }
  if (close.start === open.end) {
    // `{}`: an empty object on one line becomes a multi-line one; the braces stay where they are.
    return {
      offset: open.end,
      text: `${eol}${lines.join(eol)}${eol}${'  '.repeat(depth)}`,
    };
  }
  throw new InputError(
    `${path}: the closing "}" of ${what} shares its line with other content; put it on a line of its own so an entry can be added before it`,
  );
}

/** A blank line before a new map keeps the layout of the reference (one blank line between addons). */
function needsBlankLineBefore(scanned: ScannedHcl, openIndex: number): boolean {
  const { source, tokens, partner } = scanned;
  const close = tokens[partner.get(openIndex)!];
  const lineStart = lineStartBefore(source, close.start);
  if (lineStart <= tokens[openIndex].end) return false;
  const previousLineStart = lineStartBefore(source, lineStart - 1);
  if (previousLineStart <= tokens[openIndex].start) return false;
  return source.slice(previousLineStart, lineStart).trim() !== '';
}

function applyInsertions(source: string, insertions: Insertion[]): string {
  return [...insertions]
    .sort((a, b) => b.offset - a.offset)
    .reduce(
      (text, ins) =>
        text.slice(0, ins.offset) + ins.text + text.slice(ins.offset),
      source,
    );
}

type Presence = Record<ObserverMapName, boolean>;

interface Plan {
  presence: Presence;
  insertions: Insertion[];
}

/** Locates the maps and computes the insertions for `source`; pure, no formatting or parsing. */
function planInsertions(
  source: string,
  path: string,
  observee: Observee,
): Plan {
  const located = ObserverMapLocator.locate(source, path);
  if (!located.inputsIsObject) throw inputsNotAnObject(path);
  const { scanned, inputsOpen } = located;
  const eol = lineEndingOf(source);
  const presence = {} as Presence;
  const insertions: Insertion[] = [];
  const newMaps: string[][] = [];
  for (const map of OBSERVER_MAPS) {
    const location = located.map(map);
    if (location.found === 'repeated') {
      throw new InputError(
        `${path}: inputs holds "${map}" ${location.count} times`,
      );
    }
    if (location.found === 'not-an-object') {
      throw new InputError(
        `${path}: inputs.${map} is not written as an object "{ … }", so an entry cannot be added in place; edit it by hand`,
      );
    }
    if (location.found === 'none') {
      presence[map] = false;
      newMaps.push(renderMapLines(map, observee, 1));
      continue;
    }
    presence[map] = located.entries(location.open, observee.key).length > 0;
    insertions.push(
      insertBeforeClose(
        scanned,
        location.open,
        renderEntryLines(map, observee, 2),
        1,
        eol,
        `inputs.${map}`,
        path,
      ),
    );
  }
  if (newMaps.length > 0) {
    const blank = needsBlankLineBefore(scanned, inputsOpen) ? [''] : [];
    const lines = [
      ...blank,
      ...newMaps.flatMap((m, i) => (i === 0 ? m : ['', ...m])),
    ];
    insertions.push(
      insertBeforeClose(scanned, inputsOpen, lines, 0, eol, 'inputs', path),
    );
  }
  return { presence, insertions };
}

function mapsOf(parsed: Record<string, unknown>): Record<string, unknown> {
  const inputs = parsed.inputs;
  return inputs && typeof inputs === 'object' && !Array.isArray(inputs)
    ? (inputs as Record<string, unknown>)
    : {};
}

/** Plans, applies and proves the edit; see the file comment for what "proves" means. */
export async function editObserverMaps(
  request: ObserverEditRequest,
): Promise<ObserverEditResult> {
  const { source, path, observee, ifExists } = request;
  const parsedOriginal = await parseOrRefuse(path, source, 'the observer file');
  const plan = planInsertions(source, path, observee);

  const inputs = mapsOf(parsedOriginal);
  for (const map of OBSERVER_MAPS) {
    const value = inputs[map] as Record<string, unknown> | undefined;
    const parserSees = Boolean(
      value && typeof value === 'object' && Object.hasOwn(value, observee.key),
    );
    if (parserSees !== plan.presence[map]) {
      throw parserDisagrees(path, map, observee.key);
    }
  }
  const [querier, storeGateway] = OBSERVER_MAPS.map(map => plan.presence[map]);
  if (querier !== storeGateway) {
    const [has, lacks] = querier ? OBSERVER_MAPS : [...OBSERVER_MAPS].reverse();
    throw new InputError(
      `${path}: observee ${shownInput(
        observee.key,
      )} is in inputs.${has} but not in inputs.${lacks}; this half-registered state needs a manual fix before the observee can be registered`,
    );
  }
  if (querier && storeGateway) {
    if (ifExists === 'skip') {
      return { outcome: 'already-registered', text: source, insertions: [] };
    }
    throw new ConflictError(
      `${path}: observee ${shownInput(
        observee.key,
      )} is already registered in inputs.${OBSERVER_MAPS[0]} and inputs.${
        OBSERVER_MAPS[1]
      }; choose another cluster name, or set ifExists: skip`,
    );
  }

  const edited = applyInsertions(source, plan.insertions);
  await proveObserverEdit({
    path,
    source,
    edited,
    editFormatted: formatted =>
      applyInsertions(
        formatted,
        planInsertions(formatted, path, observee).insertions,
      ),
    parsedOriginal,
    expectParsed(expected) {
      const expectedInputs = expected.inputs as Record<
        string,
        Record<string, unknown>
      >;
      for (const map of OBSERVER_MAPS) {
        expectedInputs[map] = {
          ...(expectedInputs[map] ?? {}),
          [observee.key]: entryValue(map, observee),
        };
      }
    },
    formatRefusal:
      'after inserting the entries, terraform fmt would change the file beyond the new entries',
    expectedSettings: 'the original settings plus the two new entries',
  });
  return { outcome: 'registered', text: edited, insertions: plan.insertions };
}
