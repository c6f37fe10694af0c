// @ts-check
/**
 * npm tarballs and publish documents for the third-party packages the check seeds the local registry with (axios,
 * got and their dependencies, copied from the workspace's installed packages). They are uploaded with one HTTP
 * PUT each, as `npm publish` does, but without npm: no `publishConfig` of a third-party package.json can send a
 * publish anywhere but the local registry, and 50 uploads take a second instead of 50 npm start-ups.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** @typedef {{ path: string, data: Buffer, mode: number }} TarEntry */

/**
 * One ustar header block.
 * @param {string} name  at most 255 bytes, split into prefix and name at a slash
 * @param {number} size
 * @param {number} mode
 */
function header(name, size, mode) {
  const block = Buffer.alloc(512, 0);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 1);
    for (let index = cut; index > 0; index = name.lastIndexOf('/', index - 1)) {
      if (Buffer.byteLength(name.slice(index + 1)) <= 100 && Buffer.byteLength(name.slice(0, index)) <= 155) {
        prefix = name.slice(0, index);
        base = name.slice(index + 1);
        break;
      }
    }
    if (prefix === '') throw new Error(`path too long for a ustar header: ${name}`);
  }
  /** @param {string} text @param {number} offset @param {number} length */
  const put = (text, offset, length) => block.write(text, offset, length, 'utf8');
  /** @param {number} value @param {number} offset @param {number} length */
  const octal = (value, offset, length) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  put(base, 0, 100);
  octal(mode & 0o7777, 100, 8);
  octal(0, 108, 8); // uid
  octal(0, 116, 8); // gid
  octal(size, 124, 12);
  octal(499162500, 136, 12); // mtime: 1985-10-26T08:15:00Z, as npm pack writes
  put('        ', 148, 8); // checksum placeholder
  put('0', 156, 1); // regular file
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/**
 * A gzipped npm tarball: every entry under `package/`, regular files only, sorted by path.
 * @param {TarEntry[]} entries  paths relative to the package root, with forward slashes
 */
export function createTarball(entries) {
  /** @type {Buffer[]} */
  const blocks = [];
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    blocks.push(header(`package/${entry.path}`, entry.data.length, entry.mode & 0o111 ? 0o755 : 0o644));
    blocks.push(entry.data);
    const padding = (512 - (entry.data.length % 512)) % 512;
    if (padding > 0) blocks.push(Buffer.alloc(padding, 0));
  }
  blocks.push(Buffer.alloc(1024, 0));
  return gzipSync(Buffer.concat(blocks), { level: 6 });
}

/**
 * The document `npm publish` PUTs to `<registry>/<name>`: one version with its tarball attached.
 * @param {Record<string, unknown> & { name: string, version: string }} manifest  the package.json
 * @param {Buffer} tarball
 * @param {string} registry  e.g. http://127.0.0.1:4873/
 */
export function publishDocument(manifest, tarball, registry) {
  const { name, version } = manifest;
  const unscoped = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  const attachment = `${name}-${version}.tgz`;
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const shasum = createHash('sha1').update(tarball).digest('hex');
  const { publishConfig: _publishConfig, ...rest } = manifest;
  return {
    _id: name,
    name,
    'dist-tags': { latest: version },
    versions: {
      [version]: {
        ...rest,
        _id: `${name}@${version}`,
        dist: { integrity, shasum, tarball: new URL(`${name}/-/${unscoped}-${version}.tgz`, registry).href },
      },
    },
    _attachments: {
      [attachment]: {
        content_type: 'application/octet-stream',
        data: tarball.toString('base64'),
        length: tarball.length,
      },
    },
  };
}

/**
 * Orders versions of one package from lowest to highest (release versions above their prereleases), so that the
 * last one published, which becomes `latest`, is the highest.
 * @param {string} a
 * @param {string} b
 */
export function compareVersions(a, b) {
  const parse = (/** @type {string} */ version) => {
    const [core = '', pre] = version.split('+')[0]?.split(/-(.*)/s) ?? [];
    return { parts: core.split('.').map(Number), pre };
  };
  const left = parse(a);
  const right = parse(b);
  for (let index = 0; index < 3; index++) {
    const difference = (left.parts[index] ?? 0) - (right.parts[index] ?? 0);
    if (difference !== 0) return difference;
  }
  if (left.pre === right.pre) return 0;
  if (left.pre === undefined) return 1;
  if (right.pre === undefined) return -1;
  return left.pre < right.pre ? -1 : 1;
}
