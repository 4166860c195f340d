// DX_BENCH_MODE=changes: every kind of container change timed to the row on the page
// (test/integration/support/pageChanges.ts), with DX_BENCH_CONTAINERS others listed around it.
import Docker from 'dockerode';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { extensionId } from '../../test/integration/support/extension';
import { PageChanges } from '../../test/integration/support/pageChanges';
import { waitFor } from '../../test/integration/support/uiBridge';
import { StageTrace } from './stageTrace';

export async function changes(count: (name: string) => number): Promise<object> {
  const containers = count('DX_BENCH_CONTAINERS');
  const cycles = count('DX_BENCH_PAGE_CYCLES');
  const image = process.env.DX_BENCH_IMAGE;
  const host = process.env.DOCKER_HOST ?? '';
  if (!image || !host.startsWith('unix://')) {
    throw new Error('DX_BENCH_IMAGE and a unix DOCKER_HOST must be set: run this through `npm run bench`');
  }
  const extension = vscode.extensions.getExtension<DockerExplorerApi>(extensionId);
  const api = await extension!.activate();
  await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
  await vscode.commands.executeCommand('dockerExplorer.containers.focus');
  await api.store.whenSettled();
  await waitFor(async () => api.store.containers.size >= containers, `the store to hold ${containers} containers`, 120_000);
  await api.store.whenIdle();
  const docker = new Docker({ socketPath: host.slice('unix://'.length) });
  const page = await PageChanges.open({ docker, image, labels: { 'dx.bench': '1', 'dx.bench.set': 'page' }, timeoutMs: 30_000 });
  const fullListsBefore = { ...api.store.fullLists };
  // DX_BENCH_PAGE_TRACE=1: each sample also says where its time went (bench/vscode/stageTrace.ts).
  const trace = process.env.DX_BENCH_PAGE_TRACE === '1' ? new StageTrace(api) : undefined;
  try {
    for (let i = 0; i < cycles; i++) {
      await page.cycle(`bench-page-${i}`);
    }
  } finally {
    page.close();
    trace?.dispose();
  }
  return {
    pid: process.pid,
    containers: api.store.containers.size,
    clock: page.clockOffset,
    fullLists: Object.fromEntries(Object.entries(api.store.fullLists).map(([k, v]) => [k, v - fullListsBefore[k as keyof typeof fullListsBefore]])),
    samples: trace ? page.samples.map((s) => ({ ...s, stages: trace.stages(s) })) : page.samples,
  };
}
