import { InputError } from '@backstage/errors';
import {
  HclScanError,
  ObjectItem,
  ObserverMapName,
  ScannedHcl,
  objectItems,
  scanHcl,
  topLevelAttributes,
} from '@thanos-backstage/plugin-thanos-node';

/**
 * Finds the observer maps and their entries in the text of an observer's `eks-addons` unit, by
 * byte offset, for the editors that add entries (`ObserverMapEditor.ts`) and remove them
 * (`ObserverEntryRemover.ts`). It reads with the offset-keeping scanner, never the parser, so
 * the editors can splice the text; each editor then checks what it found against HashiCorp's
 * parser. It says where things are and refuses only what neither editor can work with; each
 * editor words its own refusals of a map it cannot edit.
 */

/** Where one observer map stands in `inputs`. */
export type MapLocation =
  /** `inputs` has no such key. */
  | { found: 'none' }
  /** Written once, as an object whose `{` is token `open`. */
  | { found: 'object'; open: number }
  /** Written `count` times. */
  | { found: 'repeated'; count: number }
  /** Written once, as something other than an object `{ … }`. */
  | { found: 'not-an-object' };

export class ObserverMapLocator {
  private readonly inputsItems: ObjectItem[];

  private constructor(
    readonly scanned: ScannedHcl,
    /** Token index of the bracket that opens the value of the top-level `inputs`. */
    readonly inputsOpen: number,
  ) {
    this.inputsItems = objectItems(scanned, inputsOpen);
  }

  /**
   * Scans `source` and finds its one top-level `inputs` attribute; refuses a file that does not
   * scan, or whose `inputs` is missing, repeated or not bracketed.
   *
   * @param path - the file's repo-relative path, used in messages
   */
  static locate(source: string, path: string): ObserverMapLocator {
    let scanned: ScannedHcl;
    try {
      scanned = scanHcl(source);
    } catch (e) {
      if (e instanceof HclScanError) {
        const line = source.slice(0, e.offset).split('\n').length;
        throw new InputError(`${path}: ${e.message} at line ${line}`);
      }
      throw e;
    }
    const inputs = topLevelAttributes(scanned, 'inputs');
    if (inputs.length !== 1) {
      throw new InputError(
        `${path}: expected exactly one top-level "inputs = { … }" attribute, found ${inputs.length}`,
      );
    }
    const open = inputs[0] + 2;
    if (scanned.tokens[open]?.kind !== 'open') {
      throw inputsNotAnObject(path);
    }
    return new ObserverMapLocator(scanned, open);
  }

  /** Whether `inputs` is written as an object `{ … }` rather than in other brackets. */
  get inputsIsObject(): boolean {
    const { source, tokens } = this.scanned;
    return source[tokens[this.inputsOpen].start] === '{';
  }

  map(name: ObserverMapName): MapLocation {
    const items = this.inputsItems.filter(item => item.key === name);
    if (items.length === 0) return { found: 'none' };
    if (items.length > 1) return { found: 'repeated', count: items.length };
    const value = this.scanned.tokens[items[0].valueIndex];
    if (value?.kind !== 'open' || this.scanned.source[value.start] !== '{') {
      return { found: 'not-an-object' };
    }
    return { found: 'object', open: items[0].valueIndex };
  }

  /** The items of the object opened at token `mapOpen` whose literal key is `key`. */
  entries(mapOpen: number, key: string): ObjectItem[] {
    return objectItems(this.scanned, mapOpen).filter(item => item.key === key);
  }
}

/** The refusal of an `inputs` that is not an object `{ … }`, in the words of both editors. */
export function inputsNotAnObject(path: string): InputError {
  return new InputError(
    `${path}: "inputs" is not written as an object "{ … }", so the observer maps cannot be edited in place`,
  );
}

/** Offset of the start of the line that holds `offset`. */
export function lineStartBefore(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}
