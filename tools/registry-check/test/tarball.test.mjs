// @ts-check
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { compareVersions, createTarball, publishDocument } from '../src/tarball.mjs';
import { verdaccioConfig } from '../src/verdaccio.mjs';

/** @type {string[]} */
const temps = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createTarball', () => {
  it('writes a tarball that tar extracts: package/ prefix, long paths, modes, contents', () => {
    const long = `${'deep/'.repeat(30)}file.js`;
    const entries = [
      { path: 'package.json', data: Buffer.from('{"name":"x","version":"1.0.0"}'), mode: 0o644 },
      { path: 'bin/cli.js', data: Buffer.from('#!/usr/bin/env node\n'), mode: 0o755 },
      { path: long, data: Buffer.alloc(1500, 'a'), mode: 0o600 },
      { path: 'empty.txt', data: Buffer.alloc(0), mode: 0o644 },
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'registry-check-tar-'));
    temps.push(dir);
    const file = path.join(dir, 'x.tgz');
    writeFileSync(file, createTarball(entries));
    const listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['package/bin/cli.js', `package/${long}`, 'package/empty.txt', 'package/package.json']);
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    expect(readFileSync(path.join(dir, 'package', long))).toEqual(Buffer.alloc(1500, 'a'));
    expect(statSync(path.join(dir, 'package', 'bin/cli.js')).mode & 0o111).not.toBe(0);
    expect(statSync(path.join(dir, 'package', long)).mode & 0o777).toBe(0o644);
    // Ends with the two zero blocks of the end-of-archive marker, whole 512-byte records.
    expect(gunzipSync(readFileSync(file)).length % 512).toBe(0);
  });
});

describe('publishDocument', () => {
  it('is what npm publish PUTs, without the package publishConfig', () => {
    const tarball = Buffer.from('tgz');
    const document = publishDocument(
      { name: '@scope/pkg', version: '1.2.3', publishConfig: { registry: 'https://elsewhere.example/' } },
      tarball,
      'http://127.0.0.1:4873/',
    );
    expect(document['dist-tags']).toEqual({ latest: '1.2.3' });
    const version = document.versions['1.2.3'];
    expect(version).not.toHaveProperty('publishConfig');
    expect(version?._id).toBe('@scope/pkg@1.2.3');
    expect(version?.dist).toEqual({
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      shasum: createHash('sha1').update(tarball).digest('hex'),
      tarball: 'http://127.0.0.1:4873/@scope/pkg/-/pkg-1.2.3.tgz',
    });
    expect(document._attachments['@scope/pkg-1.2.3.tgz']).toEqual({
      content_type: 'application/octet-stream',
      data: tarball.toString('base64'),
      length: 3,
    });
  });
});

describe('compareVersions', () => {
  it('orders releases numerically, prereleases below their release', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-beta.1', '0.9.9', '1.2.0-alpha', '2.0.0'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.9', '1.2.0-alpha', '1.2.0-beta.1', '1.2.0', '1.10.0', '2.0.0']);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });
});

describe('verdaccioConfig', () => {
  it('has no uplink and no proxy, and lets anyone read and publish', () => {
    const config = verdaccioConfig({ storage: '/tmp/s', htpasswd: '/tmp/h' });
    expect(config).toContain('uplinks: {}');
    expect(config).not.toMatch(/^\s*proxy:/m);
    expect(config).not.toMatch(/^\s*middlewares:/m);
    expect(config).toContain('publish: $all');
    expect(config).toContain('storage: "/tmp/s"');
  });
});
