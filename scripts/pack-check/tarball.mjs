// Reads a package tarball (.tgz in the ustar format npm and Yarn write) without unpacking it.
import { gunzipSync } from 'node:zlib';

/** The regular files of a gzipped tarball: path (with its `package/` prefix), size and bytes. */
export function tarEntries(gzipped) {
  const tar = gunzipSync(gzipped);
  const entries = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every(byte => byte === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const data = tar.subarray(offset + 512, offset + 512 + size);
    if (type === '0') entries.push({ name, size, data });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** The package.json among the entries of a tarball. */
export function tarballManifest(entries) {
  const entry = entries.find(e => e.name === 'package/package.json');
  if (!entry) throw new Error('no package/package.json in the tarball');
  return JSON.parse(entry.data.toString('utf8'));
}
