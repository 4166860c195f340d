// The extension host loads this file (extensionTestsPath) and calls run(). The host's console
// does not reach the runner, so results go to the JSON file named by DX_TEST_RESULTS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { cleanupEarlierRuns, testDocker } from './support/testEngine';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

export async function run(): Promise<void> {
  // The private engine outlives a run: start from what earlier (crashed) runs left behind.
  await cleanupEarlierRuns(testDocker()).catch(() => undefined);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, grep: process.env.DX_TEST_GREP || undefined });
  for (const file of findTests(__dirname)) {
    mocha.addFile(file);
  }
  const records: TestRecord[] = [];
  const resultsFile = process.env.DX_TEST_RESULTS;
  let running: string | undefined;
  // Written after every test, so a run stopped by the harness's time limit still says what passed and what hung.
  const save = (complete: boolean) => {
    if (!resultsFile) return;
    const passed = records.filter((r) => r.state === 'passed').length;
    const failed = records.filter((r) => r.state === 'failed').length;
    const failures = records.filter((r) => r.state === 'failed');
    fs.writeFileSync(resultsFile, JSON.stringify({ complete, running: complete ? undefined : running, passed, failed, failures, tests: records }, null, 2));
  };
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    const begin = (title: string) => {
      running = title;
      save(false);
    };
    runner.on('hook', (hook) => begin(hook.fullTitle()));
    runner.on('test', (test) => begin(test.fullTitle()));
    runner.on('pass', (test) => {
      records.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      begin('(between tests)');
    });
    runner.on('fail', (test, err: Error) => {
      // An afterEach hook may fail a test that had passed (scriptedUi's check): it counts once, as failed.
      const passed = records.findIndex((r) => r.title === test.fullTitle() && r.state === 'passed');
      if (passed >= 0 && test.type === 'test') records.splice(passed, 1);
      records.push({ title: test.fullTitle(), state: 'failed', error: err?.stack ?? String(err) });
      begin('(between tests)');
    });
  });
  save(true);
  const failed = records.filter((r) => r.state === 'failed').length;
  if (failures > 0 || failed > 0) {
    throw new Error(`${failed} integration test(s) failed`);
  }
}

/** Suites that restart the engine run last, so the others keep the runner's endpoints. */
const runLast = ['recovery.test.js', 'terminalsEngineGone.test.js'];

function findTests(dir: string): string[] {
  const rank = (f: string) => (runLast.includes(path.basename(f)) ? 1 : 0);
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((f) => path.join(dir, f));
}
