import type { SourceError } from '@thanos-backstage/plugin-thanos-common';

/**
 * The failed reads of one inside view, one entry per cause: an unreachable API server or a
 * rejected token fails every read with the same words, which are reported once with the
 * resources they affected (`resources`). Failures particular to a resource (RBAC) stay apart.
 */
export class ReadErrors {
  private readonly byCause = new Map<string, SourceError>();

  constructor(private readonly cluster: string) {}

  add(error: SourceError) {
    const cause = this.causeOf(error.message);
    const key = `${error.status ?? ''}|${cause ?? error.message}`;
    const known = this.byCause.get(key);
    if (!known) {
      this.byCause.set(key, { ...error });
      return;
    }
    if (!error.resource || cause === undefined) return;
    const resources = [
      ...(known.resources ?? (known.resource ? [known.resource] : [])),
    ];
    if (resources.includes(error.resource)) return;
    resources.push(error.resource);
    known.resources = resources;
    known.message = `Could not read ${resources.join(', ')} on cluster ${
      this.cluster
    }: ${cause}`;
  }

  list(): SourceError[] {
    return [...this.byCause.values()];
  }

  /** The words after "… on cluster <name>: ", which do not name the resource. */
  private causeOf(message: string): string | undefined {
    const marker = ` on cluster ${this.cluster}: `;
    const at = message.indexOf(marker);
    return at === -1 ? undefined : message.slice(at + marker.length);
  }
}
