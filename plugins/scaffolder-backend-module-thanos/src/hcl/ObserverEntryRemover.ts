import { InputError, NotFoundError } from '@backstage/errors';
import {
  OBSERVER_MAPS,
  ObserverMapName,
  ObserverMaps,
  observerMapsOf,
  registrationOf,
} from '@thanos-backstage/plugin-thanos-node';
import { ObserverMapLocator, lineStartBefore } from './ObserverMapLocator';
import {
  parseOrRefuse,
  parserDisagrees,
  proveObserverEdit,
} from './observerEditProof';
import { shownInput } from '../shownInput';

/**
 * Deregisters an observee from the observer's `eks-addons/terragrunt.hcl`: removes the lines of
 * its entry in `inputs.thanos-tls-querier` and in `inputs.thanos-storegateway`, and nothing else,
 * so a reviewer's diff shows only removed lines. It is the inverse of `editObserverMaps`: a file
 * registered and then deregistered is the original file, byte for byte.
 *
 * The same proof as for registering applies (see `ObserverMapEditor.ts`): the scanner and
 * HashiCorp's parser must agree on where the key is; the result must be `terraform fmt`-clean when
 * the original was (or, for a file that was not, format like the formatted original minus the same
 * entries); and it must parse to the original settings minus exactly the two entries. Any failure
 * refuses the edit.
 */

export type IfMissing = 'fail' | 'skip';

export interface ObserverRemovalRequest {
  /** The observer file, exactly as read. */
  source: string;
  /** Repo-relative path, used in messages. */
  path: string;
  key: string;
  ifMissing: IfMissing;
}

/** A removed range of the original text: `[start, end)`. */
export interface Removal {
  start: number;
  end: number;
}

export type ObserverRemovalResult =
  | { outcome: 'deregistered'; text: string; removals: Removal[] }
  | { outcome: 'not-registered'; text: string; removals: [] };

/**
 * The whole lines that hold the entry `key` of the object opened at token `mapOpen`: from the
 * start of the key's line to just past the line ending after its value (and an optional comma or
 * comment). Refused when another item shares those lines.
 */
function entryLines(
  located: ObserverMapLocator,
  mapOpen: number,
  key: string,
  what: string,
  path: string,
): Removal | undefined {
  const { source, tokens, partner } = located.scanned;
  const items = located.entries(mapOpen, key);
  if (items.length === 0) return undefined;
  if (items.length > 1) {
    throw new InputError(
      `${path}: ${what} holds ${shownInput(key)} ${items.length} times`,
    );
  }
  const { keyIndex, valueIndex } = items[0];
  const close = partner.get(mapOpen)!;
  const shared = () =>
    new InputError(
      `${path}: the entry ${shownInput(
        key,
      )} of ${what} shares its lines with other content; put it on lines of its own so it can be removed`,
    );
  const start = lineStartBefore(source, tokens[keyIndex].start);
  if (!/^[ \t]*$/.test(source.slice(start, tokens[keyIndex].start))) {
    throw shared();
  }
  let i = valueIndex;
  for (; i < close; i++) {
    const kind = tokens[i].kind;
    if (kind === 'newline' || kind === 'comma') break;
    if (kind === 'open') i = partner.get(i)!;
  }
  if (tokens[i]?.kind === 'comma') i++;
  if (tokens[i]?.kind === 'comment') i++;
  const lineEnd = tokens[i];
  if (lineEnd?.kind !== 'newline') throw shared();
  return { start, end: lineEnd.end };
}

function applyRemovals(source: string, removals: Removal[]): string {
  return [...removals]
    .sort((a, b) => b.start - a.start)
    .reduce((text, r) => text.slice(0, r.start) + text.slice(r.end), source);
}

interface Plan {
  presence: Record<ObserverMapName, boolean>;
  removals: Removal[];
}

function planRemovals(source: string, path: string, key: string): Plan {
  const located = ObserverMapLocator.locate(source, path);
  const presence = {} as Plan['presence'];
  const removals: Removal[] = [];
  for (const map of OBSERVER_MAPS) {
    const location = located.map(map);
    if (location.found === 'repeated' || location.found === 'not-an-object') {
      throw new InputError(
        `${path}: inputs.${map} is not written once as an object "{ … }", so an entry cannot be removed in place; edit it by hand`,
      );
    }
    const removal =
      location.found === 'none'
        ? undefined
        : entryLines(located, location.open, key, `inputs.${map}`, path);
    presence[map] = removal !== undefined;
    if (removal) removals.push(removal);
  }
  return { presence, removals };
}

const EMPTY_MAPS: ObserverMaps = {
  'thanos-tls-querier': {},
  'thanos-storegateway': {},
};

/** Plans, applies and proves the removal; see the file comment for what "proves" means. */
export async function removeObserverEntries(
  request: ObserverRemovalRequest,
): Promise<ObserverRemovalResult> {
  const { source, path, key, ifMissing } = request;
  const parsedOriginal = await parseOrRefuse(path, source, 'the observer file');
  const maps = observerMapsOf(parsedOriginal) ?? EMPTY_MAPS;
  const plan = planRemovals(source, path, key);
  for (const map of OBSERVER_MAPS) {
    const parserSees = Object.prototype.hasOwnProperty.call(maps[map], key);
    if (parserSees !== plan.presence[map]) {
      throw parserDisagrees(path, map, key);
    }
  }
  const registration = registrationOf(maps, key);
  if (registration === 'partial') {
    const [has, lacks] = plan.presence[OBSERVER_MAPS[0]]
      ? OBSERVER_MAPS
      : [...OBSERVER_MAPS].reverse();
    throw new InputError(
      `${path}: observee.key ${shownInput(
        key,
      )} is in inputs.${has} but not in inputs.${lacks}; an observee is deregistered from both maps at once, so this half-registered state needs a manual fix first`,
    );
  }
  if (registration === 'unregistered') {
    if (ifMissing === 'skip') {
      return { outcome: 'not-registered', text: source, removals: [] };
    }
    throw new NotFoundError(
      `${path}: observee.key ${shownInput(key)} is in neither inputs.${
        OBSERVER_MAPS[0]
      } nor inputs.${
        OBSERVER_MAPS[1]
      }; check the key (it defaults to the cluster's short name), or set ifMissing: skip`,
    );
  }

  const edited = applyRemovals(source, plan.removals);
  await proveObserverEdit({
    path,
    source,
    edited,
    editFormatted: formatted =>
      applyRemovals(formatted, planRemovals(formatted, path, key).removals),
    parsedOriginal,
    expectParsed(expected) {
      for (const map of OBSERVER_MAPS) delete expected.inputs[map][key];
    },
    formatRefusal:
      'after removing the entries, terraform fmt would change the file beyond them',
    expectedSettings: 'the original settings minus the two entries',
  });
  return { outcome: 'deregistered', text: edited, removals: plan.removals };
}
