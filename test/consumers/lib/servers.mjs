// The servers the consumer checks run: a small static server (a CDN, a plain web host, a
// preview of a webpack build) and the bundlers' own servers, each started as its own process
// group so that stopping it ends its children too.
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { contentType } from '../../../scripts/static-headers.mjs';

/**
 * Serves `root` on a free port with `Access-Control-Allow-Origin: *`, as CDNs do. In HTML,
 * `{{name}}` is replaced by `vars[name]`.
 */
export async function staticServer(root, vars = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return end(res, 403);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      return end(res, 404);
    }
    const type = contentType(file);
    res.setHeader('Content-Type', type);
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (type.startsWith('text/html')) {
      const html = await readFile(file, 'utf8');
      return res.end(html.replace(/\{\{(\w+)\}\}/g, (_, name) => vars[name] ?? ''));
    }
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

function end(res, status) {
  res.statusCode = status;
  res.end();
}

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a command to completion in `cwd`; rejects with its output if it fails. */
export function run(cwd, cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${cmd} ${args.join(' ')}:\n${output}`)),
    );
  });
}

/**
 * Starts a long-running server command and resolves once `url` answers. Its output is kept
 * for the failure report.
 */
export async function startServer(cwd, cmd, args, url, timeoutMs = 120_000) {
  const child = spawn(cmd, args, {
    cwd,
    detached: true,
    env: { ...process.env, FORCE_COLOR: '0', BROWSER: 'none' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.on('exit', resolve);
      process.kill(-child.pid, 'SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${cmd} ${args.join(' ')} did not serve ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, stop, output: () => output };
}

async function answers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}
