import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { cleanupRun, createContainer, runId, runLabel, testDocker, testImage, uniqueName } from './support/testEngine';
import { type PageLabel, ui as page, waitFor } from './support/uiBridge';

/** What the test reads of the rows under a container (the extension's classes come from its bundle). */
interface Row {
  kind: string;
  id: string;
  path?: string;
  state?: string;
  containerId?: string;
  entry?: { name: string; kind?: string; path?: string };
  changes?: { path: string; kind: string }[];
  model?: { id: string; name: string };
}

describe('inside containers: Changes and Files', function () {
  this.timeout(120_000);
  const docker = testDocker();
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;
  const host = fs.mkdtempSync(path.join(os.tmpdir(), 'dxt-files-'));

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });
  after(async () => {
    await cleanupRun(docker);
    fs.rmSync(host, { recursive: true, force: true });
  });

  /** Runs a shell script inside and returns its stdout; fails on a non-zero exit. */
  async function sh(name: string, script: string): Promise<Buffer> {
    const exec = await docker.getContainer(name).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sink = (into: Buffer[]) => new Writable({ write: (c: Buffer, _e, done) => (into.push(c), done()) });
    docker.modem.demuxStream(stream, sink(out), sink(err));
    await new Promise<void>((resolve) => (stream.on('end', resolve), stream.on('close', resolve)));
    const { ExitCode } = await exec.inspect();
    assert.equal(ExitCode, 0, `${script}: ${Buffer.concat(err).toString()}`);
    return Buffer.concat(out);
  }

  async function running(name: string, options: Parameters<typeof createContainer>[2] = {}): Promise<string> {
    const container = await createContainer(docker, name, options);
    await container.start();
    await known(name, 'running');
    return container.id;
  }

  async function known(name: string, state?: string) {
    return waitFor(async () => [...api.store.containers.values()].find((c) => c.name === name && (!state || c.state === state)), `${name} known ${state ?? ''}`);
  }

  async function containerRow(name: string): Promise<Row> {
    return waitFor(async () => {
      const find = async (nodes: Row[]): Promise<Row | undefined> => {
        for (const node of nodes) {
          if (node.kind === 'container' && node.model?.name === name) return node;
          if (node.kind === 'group') {
            const inner = await find((await api.views.containers.getChildren(node as never)) as unknown as Row[]);
            if (inner) return inner;
          }
        }
        return undefined;
      };
      return find((await api.views.containers.getChildren()) as unknown as Row[]);
    }, `row of ${name}`);
  }

  const children = async (row: Row) => (await api.views.containers.getChildren(row as never)) as unknown as Row[];
  const item = (row: Row) => api.views.containers.getTreeItem(row as never);

  /** Every row under Changes, depth first, as "A /root/new" (folders without a kind as "  /root"). */
  async function changeRows(changes: Row): Promise<string[]> {
    const walk = async (rows: Row[]): Promise<string[]> => {
      const out: string[] = [];
      for (const row of rows) {
        const uri = item(row).resourceUri;
        out.push(`${uri?.query || ' '} ${row.path}`);
        out.push(...(await walk(await children(row))));
      }
      return out;
    };
    return walk(await children(changes));
  }

  const letters: Record<number, string> = { 0: 'C', 1: 'A', 2: 'D' };
  async function engineChanges(name: string): Promise<string[]> {
    const list = ((await docker.getContainer(name).changes()) ?? []) as { Path: string; Kind: number }[];
    return list.map((c) => `${letters[c.Kind]} ${c.Path}`).sort();
  }

  const md5 = (data: Buffer | Uint8Array) => crypto.createHash('md5').update(data).digest('hex');

  it('expands a container row to Changes exactly as GET /changes lists them, asking only on expansion; a new change shows after a refresh', async () => {
    const name = uniqueName('chg');
    await running(name);
    await sh(name, 'echo x > /root/new; rm /etc/group; echo y >> /etc/passwd');
    const row = await containerRow(name);
    await api.store.whenIdle();
    const before = api.service.requestsSentOutsideStores;
    assert.equal(item(row).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a container row is collapsed');
    assert.equal(api.service.requestsSentOutsideStores, before, 'rendering a container row asks nothing');

    const [changes, files] = await children(row);
    assert.deepEqual([changes.kind, files.kind], ['changes', 'containerFile']);
    assert.equal(api.service.requestsSentOutsideStores, before + 1, 'expanding the container row sends one request: docker diff');
    const expected = await engineChanges(name);
    assert.ok(expected.includes('A /root/new') && expected.includes('D /etc/group') && expected.includes('C /etc/passwd'), expected.join(', '));
    assert.equal(item(changes).description, `${expected.length} changed paths`);

    const rows = await changeRows(changes);
    assert.deepEqual(rows.map((r) => r).sort(), expected, 'one row per path of /changes, each with its kind (the folders are listed by the engine too)');
    assert.equal(api.service.requestsSentOutsideStores, before + 1, 'the Changes rows are the answer the count came from');

    // On the page: the container expanded to its Changes, the A/C/D rows under it.
    await api.treeViews.containers.reveal(changes as never, { expand: 3, select: false, focus: false });
    await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes('passwd'), 'the Changes rows on the page').catch(() => undefined);
    // The pane is short: bring the last Changes row (/root/new) into view as a user scrolling would.
    const rootFolder = (await api.views.containers.getChildren(changes as never)).find((n) => String(api.views.containers.getTreeItem(n).label) === 'root');
    const newRow = rootFolder && (await api.views.containers.getChildren(rootFolder)).find((n) => String(api.views.containers.getTreeItem(n).label) === 'new');
    if (newRow) await Promise.resolve(api.treeViews.containers.reveal(newRow as never, { select: false, focus: false })).catch(() => undefined);
    await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes('new'), 'the /root/new row on the page').catch(() => undefined);
    // A, C and D are the decoration's badge and colour: VS Code asks the provider after drawing the row, so they come a moment later.
    const expectBadges: Record<string, [string, string]> = {
      new: ['A', 'gitDecoration.addedResourceForeground'],
      passwd: ['C', 'gitDecoration.modifiedResourceForeground'],
      group: ['D', 'gitDecoration.deletedResourceForeground'],
    };
    const colors = await page.colors(Object.values(expectBadges).map(([, id]) => id));
    assert.ok(
      colors.every((c) => c),
      `the theme has source control's colours: ${colors.join(', ')}`,
    );
    const want = Object.entries(expectBadges).map(([label, [badge]], i) => ({ name: label, badge, badgeColor: colors[i], nameColor: colors[i] }));
    let seen: PageLabel[] = [];
    await waitFor(async () => {
      seen = await page.labels();
      return want.every((w) => seen.some((l) => l.name === w.name && l.badge === w.badge && l.badgeColor === w.badgeColor && l.nameColor === w.nameColor));
    }, 'A, C and D on the rows').catch(() => undefined);
    const shot = await page.screenshot('container-changes');
    for (const w of want) {
      const row = seen.find((l) => l.name === w.name);
      assert.deepEqual(row, w, `the ${w.name} row shows ${w.badge} in its colour (${shot.path}): ${JSON.stringify(seen.filter((l) => l.badge || l.name === w.name))}`);
    }
    const labels = await page.texts('.monaco-list-row .label-name');
    // Files, below the Changes, may be scrolled out of the pane; the provider's rows above checked it.
    for (const label of ['Changes', 'root', 'new', 'etc', 'passwd', 'group']) {
      assert.ok(labels.includes(label), `the page shows ${label} (${shot.path}): ${labels.join(' | ')}`);
    }
    // A screen reader hears the row, not its tooltip.
    assert.deepEqual(await page.attributes('.monaco-list-row[aria-label^="Changes"]', 'aria-label'), [`Changes, ${expected.length} changed paths`]);

    await sh(name, 'touch /tmp/later');
    await vscode.commands.executeCommand('dockerExplorer.containers.refresh');
    const again = await children(row);
    const after = await changeRows(again[0]);
    assert.ok(after.includes('A /tmp/later'), `after a refresh: ${after.join(', ')}`);
    assert.deepEqual(after.sort(), await engineChanges(name));
    const shown = await vscode.commands.executeCommand<{ path: string }[]>('dockerExplorer.containers.showChanges', name);
    assert.ok(
      shown?.some((c) => c.path === '/tmp/later'),
      'Show Changes returns the changes it shows',
    );
    assert.deepEqual(ui.messages, []);
  });

  it('asks docker diff once for Show Changes on a container whose row was never expanded, and once per expansion by hand', async () => {
    const name = uniqueName('once');
    await running(name);
    await sh(name, 'echo x > /root/once');
    const row = await containerRow(name);
    await api.treeViews.containers.reveal(row as never, { select: false, focus: false });
    await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes(name), `the ${name} row on the page`);
    // Counted where the rows ask: the service's docker diff.
    const service = api.service as unknown as { containerChanges: (id: string) => Promise<unknown> };
    const original = service.containerChanges;
    let asked = 0;
    service.containerChanges = (id: string) => (asked++, original.call(api.service, id));
    try {
      const shown = await vscode.commands.executeCommand<{ path: string }[]>('dockerExplorer.containers.showChanges', name);
      assert.ok(
        shown?.some((c) => c.path === '/root/once'),
        JSON.stringify(shown),
      );
      await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes('once'), 'the Changes rows on the page');
      assert.equal(asked, 1, 'Show Changes asked docker diff once');
      // As a user: collapse the container row and expand it again by clicking: VS Code keeps its rows, nothing is asked.
      const twistie = (label: string) => `.monaco-list-row:has-text("${label}") .monaco-tl-twistie`;
      await api.treeViews.containers.reveal(row as never, { select: false, focus: false });
      await page.click(twistie(name));
      await waitFor(async () => !(await page.texts('.monaco-list-row .label-name')).includes('once'), 'the container row collapsed');
      await page.click(twistie(name));
      await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes('once'), 'the change on the page again');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(asked, 1, 'expanding the container row again asked nothing');
      // Changes collapsed and expanded again: asked again, once.
      await page.click(twistie('Changes'));
      await waitFor(async () => !(await page.texts('.monaco-list-row .label-name')).includes('once'), 'Changes collapsed');
      await page.click(twistie('Changes'));
      await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes('once'), 'the change on the page once more');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(asked, 2, 'expanding Changes again asked once');
    } finally {
      service.containerChanges = original;
    }
  });

  it('opens a file written inside with the same text, saves an edit into the container after asking once', async () => {
    const name = uniqueName('edit');
    await running(name);
    await sh(name, "printf 'hello\\nworld\\n' > /root/hello.txt; chmod 640 /root/hello.txt");
    const uri = await vscode.commands.executeCommand<vscode.Uri>('dockerExplorer.files.open', { container: name, path: '/root/hello.txt' });
    assert.ok(uri, 'Open Container File returns the document URI');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(), 'hello\nworld\n');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(2, 0), 'edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    ui.answer((asked) => {
      assert.equal(asked.kind, 'choose');
      assert.match(asked.message, new RegExp(`Write /root/hello.txt into container "${name}"`));
      assert.match(asked.detail ?? '', /writable layer/);
      return 'Write into the Container';
    });
    assert.ok(await doc.save(), 'saved');
    assert.equal((await sh(name, 'cat /root/hello.txt')).toString(), 'hello\nworld\nedited\n', 'the container has the edit');
    assert.equal((await sh(name, 'stat -c %a /root/hello.txt')).toString().trim(), '640', 'the mode is kept');

    const second = new vscode.WorkspaceEdit();
    second.insert(uri, new vscode.Position(0, 0), '# ');
    await vscode.workspace.applyEdit(second);
    assert.ok(await doc.save(), 'saved again, not asked again');
    assert.equal((await sh(name, 'head -n 1 /root/hello.txt')).toString(), '# hello\n');
    assert.ok(
      api.commands.log.lines.some((l) => l === `$ docker cp - ${name}:/root`),
      'the save writes its docker command',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepEqual(ui.messages, []);
  });

  it('browses a stopped container`s files (symlinks as links) and downloads a folder with the same bytes', async () => {
    const name = uniqueName('stop');
    await running(name);
    await sh(name, 'mkdir -p /root/data/sub; head -c 70000 /dev/urandom > /root/data/blob; echo note > /root/data/sub/note; ln -s blob /root/data/link');
    const blob = await sh(name, 'cat /root/data/blob');
    await docker.getContainer(name).stop({ t: 1 });
    await known(name, 'exited');

    const row = await containerRow(name);
    const [, files] = await children(row);
    const top = await children(files);
    const byName = new Map(top.map((r) => [r.entry?.name, r]));
    assert.ok(byName.get('root')?.state === 'folder' && byName.get('etc')?.state === 'folder', top.map((r) => r.entry?.name).join(' '));
    const bin = await children(byName.get('bin') as Row);
    assert.equal(bin.find((r) => r.entry?.name === 'sh')?.state, 'linkToFile', '/bin/sh is shown as a link');
    const data = await children((await children(byName.get('root') as Row)).find((r) => r.entry?.name === 'data') as Row);
    assert.deepEqual(
      data.map((r) => `${r.entry?.name}:${r.state}`),
      ['sub:folder', 'blob:file', 'link:linkToFile'],
    );

    // On the page: the stopped container's Files, down to /root/data.
    // Revealing the deepest row scrolls the small pane down to it.
    await api.treeViews.containers.reveal(data.find((r) => r.entry?.name === 'link') as never, { select: true, focus: false });
    await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes('blob'), 'the Files rows on the page').catch(() => undefined);
    const shot = await page.screenshot('container-files');
    assert.ok((await page.texts('.monaco-list-row .label-name')).includes('blob'), `the page shows /root/data/blob (${shot.path})`);

    const to = path.join(host, 'data-download');
    const written = await vscode.commands.executeCommand<string>('dockerExplorer.files.download', { container: name, path: '/root/data', to });
    assert.equal(written, to);
    assert.equal(md5(fs.readFileSync(path.join(to, 'blob'))), md5(blob), 'the same bytes');
    assert.equal(fs.readFileSync(path.join(to, 'sub', 'note'), 'utf8'), 'note\n');
    assert.equal(fs.readlinkSync(path.join(to, 'link')), 'blob', 'a link arrives as a link');
    assert.ok(api.commands.log.lines.includes(`$ docker cp ${name}:/root/data ${to}`));
    assert.deepEqual(ui.messages, []);
  });

  it('uploads a host folder into a container folder with the same bytes, and downloads a file with the same bytes', async () => {
    const name = uniqueName('up');
    await running(name);
    const from = path.join(host, 'site');
    fs.mkdirSync(path.join(from, 'css'), { recursive: true });
    const bytes = crypto.randomBytes(50_000);
    fs.writeFileSync(path.join(from, 'index.html'), '<h1>hi</h1>\n');
    fs.writeFileSync(path.join(from, 'css', 'bin.dat'), bytes);
    const written = await vscode.commands.executeCommand<string[]>('dockerExplorer.files.upload', { container: name, from, to: '/tmp' });
    assert.deepEqual(written, ['/tmp/site']);
    assert.equal((await sh(name, 'cat /tmp/site/index.html')).toString(), '<h1>hi</h1>\n');
    assert.equal((await sh(name, 'md5sum /tmp/site/css/bin.dat')).toString().split(' ')[0], md5(bytes));
    assert.ok(api.commands.log.lines.includes(`$ docker cp ${from} ${name}:/tmp`));

    // Uploading again over what is there asks first; Cancel changes nothing.
    fs.writeFileSync(path.join(from, 'index.html'), 'changed\n');
    ui.answer((asked) => {
      assert.match(asked.message, /Replace \/tmp\/site in container/);
      return undefined;
    });
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.files.upload', { container: name, from, to: '/tmp' }), undefined);
    assert.equal((await sh(name, 'cat /tmp/site/index.html')).toString(), '<h1>hi</h1>\n', 'Cancel kept the container`s file');

    const to = path.join(host, 'bin.dat');
    await vscode.commands.executeCommand('dockerExplorer.files.download', { container: name, path: '/tmp/site/css/bin.dat', to });
    assert.equal(md5(fs.readFileSync(to)), md5(bytes), 'a download gives the same bytes');
    assert.deepEqual(ui.messages, []);
  });

  it('shows in an open folder row what Upload, New File, New Folder and Delete changed, without a refresh', async () => {
    const name = uniqueName('edits');
    await running(name);
    // At the top of Files (folders first, by name), so it and what changes in it stay in the pane.
    const folder = `/a-edits-${name.slice(-6)}`;
    await sh(name, `mkdir -p ${folder}`);
    const upload = path.join(host, `${name}-up.txt`);
    fs.writeFileSync(upload, 'up\n');
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    const row = await containerRow(name);
    const [, files] = await children(row);
    const zone = (await children(files)).find((r) => r.path === folder) as Row;
    assert.ok(zone, `${folder} is listed`);
    // VS Code's tree may not hold the new container's row yet: revealing its folder fails until it does (waitFor tries again).
    await waitFor(async () => (await api.treeViews.containers.reveal(zone as never, { select: false, focus: false, expand: true }), true), `${folder} revealed`);
    // The rows under the folder's own row in the Containers pane, in their order: the pane can show other containers' folders too (a "sub" of theirs).
    const labels = async () => {
      const row = '.pane:has(> .pane-header[aria-label*="Containers"]) .monaco-list-row';
      const [names, levels, indexes] = [await page.texts(`${row} .label-name`), await page.attributes(row, 'aria-level'), await page.attributes(row, 'data-index')];
      if (names.length !== levels.length || names.length !== indexes.length) return [];
      const rows = names.map((text, i) => ({ text, level: Number(levels[i]), index: Number(indexes[i]) })).sort((x, y) => x.index - y.index);
      const at = rows.findIndex((r) => r.text === folder.slice(1));
      const under: string[] = [];
      for (let i = at + 1; at >= 0 && i < rows.length && rows[i].level > rows[at].level && rows[i].index === rows[i - 1].index + 1; i++) under.push(rows[i].text);
      return under;
    };
    await waitFor(async () => (await labels()).includes('(empty folder)'), `the empty ${folder} on the page`);

    assert.deepEqual(await vscode.commands.executeCommand('dockerExplorer.files.upload', { container: name, from: upload, to: folder }), [`${folder}/${name}-up.txt`]);
    await waitFor(async () => (await labels()).includes(`${name}-up.txt`), 'the uploaded file in the open folder row');
    // The first write into a container asks once.
    ui.answer((asked) => (assert.match(asked.message, /into container/), 'Write into the Container'));
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.files.newFile', { container: name, path: `${folder}/notes.txt` }), `${folder}/notes.txt`);
    await waitFor(async () => (await labels()).includes('notes.txt'), 'the new file in the open folder row');
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.files.newFolder', { container: name, path: `${folder}/sub` }), `${folder}/sub`);
    await waitFor(async () => (await labels()).includes('sub'), 'the new folder in the open folder row');
    ui.answer(() => 'Delete');
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.files.delete', { container: name, path: `${folder}/notes.txt` }), true);
    await waitFor(async () => !(await labels()).includes('notes.txt'), 'the deleted file gone from the open folder row');
    const shot = await page.screenshot('container-files-edits');
    assert.deepEqual(
      (await labels()).filter((l) => [`${name}-up.txt`, 'notes.txt', 'sub', '(empty folder)'].includes(l)),
      ['sub', `${name}-up.txt`],
      `the folder row after the four changes (${shot.path})`,
    );
    assert.deepEqual(ui.messages, []);
  });

  it('uploads a workspace file dragged from the Explorer onto a container folder row, with the same bytes', async () => {
    const name = uniqueName('drop');
    await running(name);
    // At the top of Files (folders first, by name), so it and what is dropped in it stay in the pane.
    const folder = `/a-dropzone-${name.slice(-6)}`;
    await sh(name, `mkdir -p ${folder}`);
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the test window has a workspace folder');
    const file = path.join(workspace, `${name}.bin`);
    const bytes = crypto.randomBytes(30_000);
    fs.writeFileSync(file, bytes);
    // The Explorer in the panel below the Containers view, as a user would arrange them to drag from one to the other.
    await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.panel.output' });
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    try {
      await vscode.commands.executeCommand('workbench.files.action.refreshFilesExplorer');
      await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));
      const row = await containerRow(name);
      const [, files] = await children(row);
      const zone = (await children(files)).find((r) => r.path === folder) as Row;
      assert.ok(zone, `${folder} is listed`);
      // Open, so the dropped file must show in it.
      await api.treeViews.containers.reveal(zone as never, { select: false, focus: false, expand: true });
      const zoneName = path.posix.basename(folder);
      await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes(zoneName), `the ${folder} row on the page`);
      await waitFor(async () => (await page.texts('.monaco-list-row .label-name')).includes('(empty folder)'), `the empty ${folder} on the page`);
      await waitFor(async () => (await page.texts('.explorer-folders-view .monaco-list-row .label-name')).includes(`${name}.bin`), 'the file in the Explorer');
      await page.drag({ selector: '.explorer-folders-view .monaco-list-row', text: `${name}.bin` }, { selector: '.monaco-list-row', text: zoneName });
      const inside = await waitFor(
        async () => (await sh(name, `md5sum ${folder}/${name}.bin 2>/dev/null || true`)).toString().split(' ')[0],
        'the dropped file inside the container',
        20_000,
      );
      const dropped = `${name}.bin`;
      const twice = await waitFor(
        async () => (await page.texts('.monaco-list-row .label-name')).filter((t) => t === dropped).length === 2,
        'the dropped file in the folder row too',
      ).catch(() => false);
      const shot = await page.screenshot('container-files-drop');
      assert.equal(inside, md5(bytes), `the same bytes (${shot.path})`);
      assert.ok(twice, `the folder row lists the dropped file (${shot.path}): ${(await page.texts('.monaco-list-row .label-name')).join(' | ')}`);
      assert.ok(api.commands.log.lines.includes(`$ docker cp ${file} ${name}:${folder}`), 'the drop writes its docker command');
      assert.deepEqual(ui.messages, []);
    } finally {
      await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.view.explorer' });
      await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      fs.rmSync(file, { force: true });
    }
  });

  it('refuses bad paths with a message before any request, and changes nothing', async () => {
    const name = uniqueName('bad');
    await running(name);
    const changesBefore = await engineChanges(name);
    const cases: [string, unknown, RegExp][] = [
      ['dockerExplorer.files.open', { container: name, path: '/etc/../root/x' }, /contains "\.\."/],
      ['dockerExplorer.files.open', { container: name, path: '../etc/passwd' }, /contains "\.\."|not an absolute path/],
      ['dockerExplorer.files.open', { container: name, path: 'etc/passwd' }, /not an absolute path/],
      ['dockerExplorer.files.open', { container: name, path: '/etc/pass\nwd' }, /control characters/],
      ['dockerExplorer.files.open', { container: name, path: '' }, /Type a path/],
      ['dockerExplorer.files.download', { container: name, path: '/etc/passwd', to: 'relative/dir' }, /absolute path on this machine/],
      ['dockerExplorer.files.upload', { container: name, from: host, to: '/tmp/../etc' }, /contains "\.\."/],
      ['dockerExplorer.files.upload', { container: name, from: 'relative', to: '/tmp' }, /absolute path on this machine/],
      ['dockerExplorer.files.newFile', { container: name, path: '/tmp/a\u0007b' }, /control characters/],
      ['dockerExplorer.files.delete', { container: name, path: '/tmp/../../' }, /contains "\.\."/],
    ];
    for (const [command, arg, message] of cases) {
      const sent = api.service.requestsSentOutsideStores;
      ui.asked.length = 0;
      const result = await vscode.commands.executeCommand(command, arg);
      assert.ok(!result, `${command} ${JSON.stringify(arg)} did nothing`);
      assert.equal(ui.messages.length, 1, `${command} ${JSON.stringify(arg)}: one message`);
      assert.match(ui.messages[0].message, message, `${command} ${JSON.stringify(arg)}`);
      assert.equal(api.service.requestsSentOutsideStores, sent, `${command} ${JSON.stringify(arg)} sent no request`);
    }
    assert.deepEqual(await engineChanges(name), changesBefore, 'nothing changed in the container');
  });

  it('says what is wrong for a file over the size limit, a file gone, a container gone, a read-only root, and delete in a stopped container', async () => {
    const name = uniqueName('lim');
    await running(name);
    await sh(name, 'yes line | head -c 11000000 > /root/big.txt; echo keep > /root/keep');

    ui.asked.length = 0;
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.files.open', { container: name, path: '/root/big.txt' }), undefined);
    assert.match(ui.messages[0]?.message ?? '', /too large|more than the .* an editor opens here\. Download it instead/);
    assert.deepEqual(ui.messages[0]?.options, ['Download...'], 'Download is offered');

    ui.asked.length = 0;
    await vscode.commands.executeCommand('dockerExplorer.files.open', { container: name, path: '/root/no-such-file' });
    assert.match(ui.messages[0]?.message ?? '', /\/root\/no-such-file does not exist in the container/);

    // A file the row showed, gone when it is opened.
    const row = await containerRow(name);
    const [, files] = await children(row);
    const root = (await children(files)).find((r) => r.entry?.name === 'root') as Row;
    const keep = (await children(root)).find((r) => r.entry?.name === 'keep') as Row;
    await sh(name, 'rm /root/keep');
    ui.asked.length = 0;
    await vscode.commands.executeCommand('dockerExplorer.files.open', keep);
    assert.match(ui.messages[0]?.message ?? '', /\/root\/keep does not exist in the container \(it may have been removed meanwhile\)/);

    // Delete: asks, naming the path; in a stopped container it says why it cannot.
    await sh(name, 'echo bye > /root/bye');
    ui.answer((asked) => {
      assert.match(asked.message, new RegExp(`Delete /root/bye from container "${name}"`));
      return 'Delete';
    });
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.files.delete', { container: name, path: '/root/bye' }), true);
    assert.equal((await sh(name, 'ls /root')).toString().includes('bye'), false, 'deleted inside');
    await docker.getContainer(name).stop({ t: 1 });
    await known(name, 'exited');
    ui.asked.length = 0;
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.files.delete', { container: name, path: '/root/big.txt' }), false);
    assert.match(ui.messages[0]?.message ?? '', /cannot be deleted: the Engine API can copy files into a stopped container but not delete them/);

    // The container removed meanwhile: its row's file says so.
    await docker.getContainer(name).remove({ force: true });
    ui.asked.length = 0;
    await vscode.commands.executeCommand('dockerExplorer.files.open', { kind: 'containerFile', containerId: row.model?.id, path: '/root/big.txt', state: 'file' });
    assert.match(ui.messages[0]?.message ?? '', /does not exist any more: it was removed meanwhile/);

    // A read-only root filesystem: the write is refused with the reason, nothing written.
    const ro = uniqueName('ro');
    const roId = await running(ro, { HostConfig: { ReadonlyRootfs: true } });
    const uri = vscode.Uri.from({ scheme: 'docker-container', authority: roId, path: '/etc/passwd' });
    const passwd = (await sh(ro, 'cat /etc/passwd')).toString();
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, Buffer.from('x\n'))), /read-only root filesystem/);
    assert.equal((await sh(ro, 'cat /etc/passwd')).toString(), passwd, 'nothing written');
    assert.equal((await vscode.workspace.fs.stat(uri)).permissions, vscode.FilePermission.Readonly, 'the editor opens it read-only');
    ui.asked.length = 0;
    const up = path.join(host, 'one.txt');
    fs.writeFileSync(up, 'one\n');
    await vscode.commands.executeCommand('dockerExplorer.files.upload', { container: ro, from: up, to: '/tmp' });
    assert.match(ui.messages[0]?.message ?? '', /read-only/, `the engine's refusal: ${ui.messages[0]?.message}`);
  });

  it('compares a changed file with the image`s version, read from a container never started and removed at once', async () => {
    const name = uniqueName('cmp');
    await running(name);
    const original = (await sh(name, 'cat /etc/passwd')).toString();
    await sh(name, 'echo y >> /etc/passwd');
    await api.store.whenIdle();
    // The reading container never reaches the Containers view: the store, where the view's rows come from, never holds it.
    const known = new Set(api.store.containers.keys());
    const appeared = new Set<string>();
    const watching = api.store.onChange((c) => c.kind === 'containers' && [...api.store.containers.keys()].forEach((id) => known.has(id) || appeared.add(id)));
    const result = await vscode.commands.executeCommand<{ image: vscode.Uri; container: vscode.Uri }>('dockerExplorer.changes.compareWithImage', {
      container: name,
      path: '/etc/passwd',
    });
    await api.store.whenIdle();
    watching.dispose();
    assert.ok(result, 'the diff opened');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(result.image)).toString(), original, 'the image`s version');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(result.container)).toString(), `${original}y\n`, 'the container`s version');
    const readers = await docker.listContainers({ all: true, filters: { label: ['dev.docker-explorer.image-reader'] } });
    assert.deepEqual(readers, [], 'the reading container is gone');
    assert.deepEqual([...appeared], [], 'the reading container was never in the Containers view');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.deepEqual(ui.messages, []);
  });

  it('shows an image`s layers and says they are read-only and shared', async () => {
    const testImageId = (await docker.getImage(testImage).inspect()).Id;
    const count = await vscode.commands.executeCommand<number>('dockerExplorer.images.showLayers', testImageId);
    const history = (await docker.getImage(testImageId).history()) as unknown[];
    assert.equal(count, history.length);
    assert.match(ui.messages[0]?.message ?? '', /read-only and shared by every container made from the image/);
    // Leave the Images view as it was: other suites read the layer rows on the page.
    await vscode.commands.executeCommand('workbench.actions.treeView.dockerExplorer.images.collapseAll');
  });

  it('lists the first changed paths and the data in volumes, kept, in the remove confirmation', async () => {
    const name = uniqueName('rmv');
    const volume = `dxt-vol-${Math.random().toString(36).slice(2, 8)}`;
    await docker.createVolume({ Name: volume, Labels: { [runLabel]: runId } });
    await running(name, { HostConfig: { Binds: [`${volume}:/data`] } });
    await sh(name, 'for i in 1 2 3 4 5 6; do echo $i > /root/f$i; done; echo kept > /data/in-volume');
    await docker.getContainer(name).stop({ t: 1 });
    const changed = (await engineChanges(name)).length;
    ui.answer(undefined);
    await vscode.commands.executeCommand('dockerExplorer.containers.remove', name);
    // Read after the command: an assertion thrown inside an answer would only become the command's failure message.
    const asked = ui.asked.find((a) => a.kind === 'choose');
    assert.ok(asked, `the confirmation was asked; messages: ${JSON.stringify(ui.messages)}`);
    const detail = asked.detail ?? '';
    assert.match(detail, new RegExp(`${name}: ${changed} changed paths in its writable layer \\((/\\S+, ){2}/\\S+ and ${changed - 3} more\\)`));
    const named = /in its writable layer \((.+), (.+), (.+) and \d+ more\)/.exec(detail)?.slice(1) ?? [];
    const engine = (await engineChanges(name)).map((c) => c.slice(2));
    assert.ok(named.length === 3 && named.every((p) => engine.includes(p)), `the three named are changed paths: ${named.join(', ')}`);
    assert.ok(!named.includes('/data'), 'the volume`s mount point is not named as lost');
    assert.match(detail, new RegExp(`kept, in volumes and bind mounts: /data \\(volume ${volume}\\)`));
    assert.deepEqual(ui.messages, []);
    assert.ok(await docker.getContainer(name).inspect(), 'Cancel keeps it');
  });
});
