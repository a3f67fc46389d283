import { gzipSync } from 'node:zlib';

/**
 * A gzipped POSIX ustar archive of in-memory files, the format GitHub serves from
 * `GET /repos/{owner}/{repo}/tarball/{ref}`: every path sits under one top folder
 * `<owner>-<repo>-<short sha>/`, which Backstage's tree reader strips.
 */
export function gzippedTarball(
  topFolder: string,
  files: Record<string, string>,
): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const body = Buffer.from(content, 'utf8');
    blocks.push(header(`${topFolder}/${name}`, body.length));
    blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function header(path: string, size: number): Buffer {
  const block = Buffer.alloc(512);
  // ustar splits long paths into a prefix (155 bytes) and a name (100 bytes) at a "/".
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const cut = path.lastIndexOf('/', 155);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  const put = (value: string, offset: number, length: number) =>
    block.write(value, offset, length, 'utf8');
  const octal = (value: number, offset: number, length: number) =>
    put(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  put(name, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(1700000000, 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  put(prefix, 345, 155);
  let checksum = 0;
  for (const byte of block) checksum += byte;
  put(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}
