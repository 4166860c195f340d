import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerNode } from '../../src/tree/nodes/containerNode';
import { activateExtension } from './support/extension';
import { cleanupRun, createContainer, runId, runLabel, testDocker, uniqueName } from './support/testEngine';
import * as vscode from 'vscode';
import { ui as page, waitFor } from './support/uiBridge';

const count = Number(process.env.DX_SCALE_CONTAINERS ?? 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Reports (does not assert) how fast a stop reaches the view with many containers present.
describe(`the containers view with ${count} containers`, function () {
  this.timeout(300_000);
  const docker = testDocker();

  after(async () => {
    await docker.pruneContainers({ filters: { label: [`${runLabel}=${runId}`] } });
    await cleanupRun(docker);
  });

  it('turns a stop through the API into a change event carrying that row', async () => {
    const api = await activateExtension();
    api.store.start();
    for (let i = 0; i < count; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => createContainer(docker, `dxt-bulk-${runId}-${i + j}`)));
    }
    // The engine's creation times are in seconds: a second later, the measured container is the newest, the top row.
    await new Promise((r) => setTimeout(r, 1100));
    const name = uniqueName('measured');
    const container = await createContainer(docker, name);
    await container.start();
    await waitFor(
      async () => api.store.containers.size >= count + 1 && [...api.store.containers.values()].some((c) => c.name === name && c.state === 'running'),
      `${count} containers listed`,
      60_000,
    );
    await api.store.whenIdle();
    // The view fires a row VS Code has fetched; one it has not yet comes with its level. Measured once VS Code shows it.
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes(name), `${name} on the page`, 30_000);

    const waitForRow = (state: string) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no change event with ${name} ${state} within 10 s`)), 10_000);
        const sub = api.views.containers.onDidChangeTreeData((node) => {
          const row = node as ContainerNode | undefined;
          if (row?.kind === 'container' && row.model.name === name && row.model.state === state) {
            clearTimeout(timer);
            sub.dispose();
            resolve(performance.now());
          }
        });
      });

    const stops: number[] = [];
    const starts: number[] = [];
    for (let round = 0; round < 25; round++) {
      const stopped = waitForRow('exited');
      await container.stop({ t: 0 });
      const stopReturned = performance.now();
      stops.push((await stopped) - stopReturned);
      const started = waitForRow('running');
      await container.start();
      const startReturned = performance.now();
      starts.push((await started) - startReturned);
    }
    stops.sort((a, b) => a - b);
    starts.sort((a, b) => a - b);
    const report = {
      containers: api.store.containers.size,
      rounds: stops.length,
      stopToRowEventMs: { p50: percentile(stops, 50), p95: percentile(stops, 95), max: stops[stops.length - 1] },
      startToRowEventMs: { p50: percentile(starts, 50), p95: percentile(starts, 95), max: starts[starts.length - 1] },
      fullContainerLists: api.store.fullLists.containers,
    };
    console.log(`scale: ${JSON.stringify(report)}`);
    const out = path.resolve(__dirname, '../../../test-output');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'scale.json'), JSON.stringify(report, null, 2));
    assert.equal(report.containers >= count + 1, true);
  });
});
