// npm test reruns a browser test file that the browser or its driver ended early, never one
// with a failed assertion, and counts the rerun in place of the first try.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { summarise } from '../support/counting-reporter.mjs';
import { failuresOf, withReruns } from '../../scripts/lib/browser-counts.mjs';

const test = (name, passed, skipped = false, message = 'expected 0.5 to be at least 0.6') => ({
  name,
  passed,
  skipped,
  ...(passed || skipped ? {} : { error: { message: `${message}\n    at stack` } }),
});
const session = (testFile, tests, errors = []) => ({
  testFile,
  passed: errors.length === 0 && tests.every((t) => t.passed || t.skipped),
  errors,
  testResults: { name: '', tests: [], suites: [{ name: 'a suite', tests, suites: [] }] },
});
const disconnected = { message: 'Tests were interrupted because the browser disconnected.' };
const noContext = { message: 'Could not parse title from browsing context' };

it('lists a file the browser left, and only one with no failed test', () => {
  const summary = summarise([
    session('/repo/test/a.test.ts', [test('x', true), test('y', true, true)]),
    session('/repo/test/b.test.ts', [test('x', true)], [disconnected]),
    session('/repo/test/c.test.ts', [], [noContext]),
    session('/repo/test/d.test.ts', [test('x', false)], [disconnected]),
    session('/repo/test/e.test.ts', [], [{ message: 'SyntaxError: Unexpected token' }]),
  ]);
  assert.deepEqual(summary.interrupted, ['/repo/test/b.test.ts', '/repo/test/c.test.ts']);
  const { passed, failed, skipped, filesFailed } = summary;
  assert.deepEqual(
    { passed, failed, skipped, filesFailed },
    {
      passed: 2,
      failed: 1,
      skipped: 1,
      filesFailed: 4,
    },
  );
  assert.deepEqual(summary.files['/repo/test/b.test.ts'], {
    passed: 1,
    failed: 0,
    skipped: 0,
    filesFailed: 1,
  });
});

it("replaces a rerun file's counts with the rerun's", () => {
  const first = summarise([
    session('/repo/test/a.test.ts', [test('x', true), test('y', true)]),
    session('/repo/test/b.test.ts', [test('x', true)], [disconnected]),
  ]);
  const rerun = summarise([session('/repo/test/b.test.ts', [test('x', true), test('y', true)])]);
  assert.deepEqual(withReruns(first, rerun), {
    passed: 4,
    failed: 0,
    skipped: 0,
  });
  // Left again in the rerun: still a failure.
  const again = summarise([session('/repo/test/b.test.ts', [], [disconnected])]);
  assert.deepEqual(withReruns(first, again), {
    passed: 2,
    failed: 1,
    skipped: 0,
  });
  // No rerun counts at all: one failure more than the first run's.
  assert.deepEqual(withReruns(first, undefined), {
    passed: 3,
    failed: 2,
    skipped: 0,
  });
  // Nothing to rerun: the first run's counts.
  const whole = summarise([session('/repo/test/a.test.ts', [test('x', true), test('y', false)])]);
  assert.deepEqual(withReruns(whole, undefined), { passed: 1, failed: 1, skipped: 0 });
});

it('names each failed test by file, suites and title, and a rerun file by its rerun', () => {
  const first = summarise([
    session('/repo/test/a.test.ts', [test('reads lines', false), test('y', true)]),
    session('/repo/test/b.test.ts', [test('x', true)], [disconnected]),
    session('/repo/test/e.test.ts', [], [{ message: 'SyntaxError: Unexpected token' }]),
  ]);
  assert.deepEqual(first.failures, [
    {
      file: '/repo/test/a.test.ts',
      test: 'a suite › reads lines',
      message: 'expected 0.5 to be at least 0.6',
    },
    { file: '/repo/test/b.test.ts', test: '', message: disconnected.message },
    { file: '/repo/test/e.test.ts', test: '', message: 'SyntaxError: Unexpected token' },
  ]);
  const rerun = summarise([
    session('/repo/test/b.test.ts', [test('x', true), test('y', false, false, 'timed out')]),
  ]);
  assert.deepEqual(
    failuresOf(first, rerun).map((failure) => failure.message),
    ['expected 0.5 to be at least 0.6', 'SyntaxError: Unexpected token', 'timed out'],
  );
  // No rerun: the disconnect stays a failure.
  assert.equal(failuresOf(first, undefined).length, 3);
});
