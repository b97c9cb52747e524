// Prepares the consumer workspace outside the repository, so that nothing resolves through the
// repository's own node_modules: the fixture's locked tools (kept between runs while the lock
// file is unchanged), and the library from the packed tarball, as users get it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './servers.mjs';

const fixture = fileURLToPath(new URL('..', import.meta.url));
const FILES = [
  'app',
  'cdn',
  'plain',
  'typescript',
  'vite.config.js',
  'vite7.config.js',
  'webpack.config.js',
];

/** Installs the fixture's bundlers once per lock file; returns the workspace folder. */
export async function prepareTools() {
  const lock = readFileSync(join(fixture, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `digit-pad-consumers-${hash}`);
  const marker = join(dir, 'node_modules', '.installed');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(fixture, 'package.json'), join(dir, 'package.json'));
    cpSync(join(fixture, 'package-lock.json'), join(dir, 'package-lock.json'));
    // Not `npm ci`: Vite's optional napi-windows-process-start-time is missing from the
    // registry mirror, so the lock file lacks it and `npm ci` refuses the lock as out of sync.
    await run(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
    writeFileSync(marker, '');
  }
  return dir;
}

/** Refreshes the fixture's files and installs the tarball as a user would. */
export async function installLibrary(dir, tarball) {
  for (const name of FILES) {
    rmSync(join(dir, name), { recursive: true, force: true });
    cpSync(join(fixture, name), join(dir, name), { recursive: true });
  }
  await run(dir, 'npm', [
    'install',
    '--no-save',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    tarball,
  ]);
  return dir;
}
