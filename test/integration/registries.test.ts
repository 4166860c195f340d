import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerExplorerApi } from '../../src/extension';
import { commandSuiteHooks, useScriptedUi } from './support/scriptedUi';
import { testDocker, testImage, uniqueName } from './support/testEngine';
import { ui as page, waitFor } from './support/uiBridge';

/** What the test reads of a Registries view row (the classes come from the extension's bundle). */
interface Row {
  kind: string;
  address?: { host: string };
  repository?: string;
  tag?: string;
  reference?: string;
  message?: string;
}

const open = process.env.DX_TEST_REGISTRY ?? '';
const secured = process.env.DX_TEST_AUTH_REGISTRY ?? '';
const user = process.env.DX_TEST_AUTH_REGISTRY_USER ?? '';
const password = process.env.DX_TEST_AUTH_REGISTRY_PASSWORD ?? '';

/** The registry's own answer, from outside the extension. */
async function registryTags(registry: string, repository: string, withLogin = false): Promise<{ status: number; tags: string[] }> {
  const headers: Record<string, string> = withLogin ? { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : {};
  const res = await fetch(`http://${registry}/v2/${repository}/tags/list`, { headers });
  const body = res.ok ? ((await res.json()) as { tags?: string[] }) : {};
  return { status: res.status, tags: body.tags ?? [] };
}

describe('push and registries (issue 15)', function () {
  this.timeout(120_000);
  const docker = testDocker();
  const repository = `dxt/${uniqueName('push')}`;
  const openTag = `${open}/${repository}:1.0`;
  const securedTag = `${secured}/${repository}:1.0`;
  let api: DockerExplorerApi;
  let ui: ReturnType<typeof useScriptedUi>;

  commandSuiteHooks((a, u) => {
    api = a;
    ui = u;
  });

  before(async function () {
    if (!open || !secured || !user || !password) this.skip();
    const image = docker.getImage(testImage);
    for (const reference of [openTag, securedTag]) {
      const [repo, tag] = [reference.slice(0, reference.lastIndexOf(':')), reference.slice(reference.lastIndexOf(':') + 1)];
      await image.tag({ repo, tag });
    }
  });

  after(async () => {
    if (!api) return;
    await api.registries.accounts.logOut(parseAddress(secured));
    for (const host of [open, secured]) await api.registries.accounts.remove(parseAddress(host));
    for (const reference of [openTag, securedTag]) {
      await docker
        .getImage(reference)
        .remove()
        .catch(() => undefined);
    }
  });

  function parseAddress(host: string) {
    return (
      api.registries.accounts.list().find((r) => r.address.host === host)?.address ?? { host, hub: false, apiBase: `http://${host}`, configKey: host, loopback: true }
    );
  }

  it('pushes a tag to the open registry: the registry lists it, the digest is returned, docker push is logged', async () => {
    const from = api.commands.log.lines.length;
    const digest = await vscode.commands.executeCommand<string | undefined>('dockerExplorer.images.push', openTag);
    assert.match(digest ?? '', /^sha256:[0-9a-f]{64}$/, JSON.stringify(ui.messages));
    assert.deepEqual((await registryTags(open, repository)).tags, ['1.0'], 'the registry has the tag');
    const written = api.commands.log.lines.slice(from).join('\n');
    assert.ok(written.includes(`$ docker push ${openTag}`), written);
    assert.ok(
      ui.messages.some((m) => m.kind === 'info' && m.message.includes(digest ?? '-')),
      'the digest is said',
    );
  });

  it('gets a 401 from the auth registry with Log In offered; logs in; then the push works', async () => {
    const first = await vscode.commands.executeCommand<string | undefined>('dockerExplorer.images.push', securedTag);
    assert.equal(first, undefined);
    const refused = ui.messages.find((m) => m.kind === 'error');
    assert.ok(refused, JSON.stringify(ui.asked));
    assert.match(refused.message, /refused the push/);
    assert.deepEqual(refused.options, ['Log In...'], 'the message offers Log In');
    assert.equal((await registryTags(secured, repository, true)).tags.length, 0, 'nothing was tagged in the registry');

    assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.logIn', { registry: secured, username: user, password: `${password}-wrong` }), false);
    assert.match(ui.messages.at(-1)?.message ?? '', /refused the login of/);
    assert.equal((await api.registries.accounts.credentials(parseAddress(secured))).source, 'none', 'a refused login is not kept');

    assert.equal(
      await vscode.commands.executeCommand('dockerExplorer.registries.logIn', { registry: secured, username: user, password }),
      true,
      JSON.stringify(ui.messages),
    );
    assert.equal((await api.registries.accounts.credentials(parseAddress(secured))).source, 'login');
    const digest = await vscode.commands.executeCommand<string | undefined>('dockerExplorer.images.push', securedTag);
    assert.match(digest ?? '', /^sha256:/, JSON.stringify(ui.messages));
    assert.deepEqual((await registryTags(secured, repository, true)).tags, ['1.0']);
  });

  it('asks for the user and the password (a password box) when only the registry is given', async () => {
    const asked: { password?: boolean }[] = [];
    const input = ui.input.bind(ui);
    ui.input = async (options) => {
      asked.push({ password: (options as vscode.InputBoxOptions).password });
      return input(options);
    };
    ui.answer(user, password);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.logIn', secured), true, JSON.stringify(ui.asked));
    assert.deepEqual(asked, [{ password: undefined }, { password: true }], 'the user name in clear, the password hidden');
  });

  it('lists both registries, their repositories and tags in the Registries view, on the page too', async () => {
    await vscode.commands.executeCommand('dockerExplorer.registries.add', open);
    const roots = (await api.registries.provider.getChildren()) as unknown as Row[];
    const hosts = roots.map((r) => r.address?.host);
    assert.ok(hosts.includes(open) && hosts.includes(secured), `the roots: ${hosts.join(', ')}`);
    for (const host of [open, secured]) {
      const registry = roots.find((r) => r.address?.host === host);
      const repositories = (await api.registries.provider.getChildren(registry as never)) as unknown as Row[];
      const repo = repositories.find((r) => r.repository === repository);
      assert.ok(repo, `${host} lists ${repository}: ${JSON.stringify(repositories.map((r) => r.repository ?? r.message))}`);
      const tags = (await api.registries.provider.getChildren(repo as never)) as unknown as Row[];
      assert.deepEqual(
        tags.map((t) => t.reference),
        [`${host}/${repository}:1.0`],
      );
    }
    await vscode.commands.executeCommand('workbench.view.extension.dockerExplorer');
    await vscode.commands.executeCommand('dockerExplorer.registries.focus');
    // The registry keeps the repositories of earlier runs: reveal this run's tag row itself.
    const securedRow = ((await api.registries.provider.getChildren()) as unknown as Row[]).find((r) => r.address?.host === secured);
    const repoRow = ((await api.registries.provider.getChildren(securedRow as never)) as unknown as Row[]).find((r) => r.repository === repository);
    const tagRow = ((await api.registries.provider.getChildren(repoRow as never)) as unknown as Row[])[0];
    await api.registries.treeView.reveal(tagRow as never, { select: true, focus: false });
    let seen: string[] = [];
    await waitFor(
      async () => (seen = await page.texts('.monaco-list-row .label-name')).includes(repository) && seen.includes('1.0'),
      'the repository and tag rows on the page',
    ).catch(() => undefined);
    const shot = await page.screenshot('registries-view');
    assert.ok(
      seen.includes(secured) && seen.includes(repository) && seen.includes('1.0'),
      `the page shows ${secured} > ${repository} > 1.0 (${shot.path}): ${seen.join(' | ')}`,
    );
  });

  it('pulls a tag of the auth registry from the view with the login, and copies its reference', async () => {
    await docker
      .getImage(securedTag)
      .remove()
      .catch(() => undefined);
    const address = parseAddress(secured);
    const row = { kind: 'registryTag', address, repository, tag: '1.0', reference: securedTag };
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.pullTag', row), true, JSON.stringify(ui.messages));
    assert.ok((await docker.getImage(securedTag).inspect()).Id);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.copyReference', row), securedTag);
    assert.equal(await vscode.env.clipboard.readText(), securedTag);
  });

  it('logs out: the login is forgotten, the view asks to log in, and a push gets the 401 again', async () => {
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.logOut', secured), true);
    assert.equal((await api.registries.accounts.credentials(parseAddress(secured))).source, 'none');
    const registry = ((await api.registries.provider.getChildren()) as unknown as Row[]).find((r) => r.address?.host === secured);
    const children = (await api.registries.provider.getChildren(registry as never)) as unknown as Row[];
    assert.equal(children.length, 1);
    assert.match(children[0].message ?? '', /log in/, JSON.stringify(children));
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.images.push', securedTag), undefined);
    assert.match(ui.messages.find((m) => m.kind === 'error')?.message ?? '', /refused the push/);
  });

  it('says before pushing that a tag without a registry goes to Docker Hub, and pushes nothing when not confirmed', async () => {
    const from = api.commands.log.lines.length;
    ui.answer(undefined);
    assert.equal(await vscode.commands.executeCommand('dockerExplorer.images.push', testImage), undefined);
    const question = ui.asked.find((a) => a.kind === 'choose');
    assert.match(question?.message ?? '', /goes to Docker Hub as docker\.io\/dx-test\/busybox:latest/, JSON.stringify(ui.asked));
    assert.ok(!api.commands.log.lines.slice(from).some((l) => l.includes('docker push')), 'nothing pushed');
  });

  it('refuses bad registry addresses, user names and tags with a message and zero engine requests', async () => {
    const badRegistries = [
      '',
      ' ',
      'http://203.0.113.5:5000',
      'user:pw@127.0.0.1:5000',
      '127.0.0.1:99999',
      'reg istry',
      'bad_host.example',
      '127.0.0.1:5000/repo',
      'ftp://x',
      'a\u0000b',
    ];
    const badUsers = ['', ' ', 'a b', 'a:b', 'a\nb', 'x'.repeat(300)];
    const badTags = ['', 'Upper:1', 'app:-bad', 'a::b', 'a:tag with space', `${open}/x@sha256:${'0'.repeat(64)}`];
    const before = api.service.requestsSentOutsideStores;
    const listed = api.registries.accounts.list().length;
    for (const registry of badRegistries) {
      assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.logIn', { registry, username: user, password }), false, registry);
      assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.add', registry), false, registry);
    }
    for (const username of badUsers) {
      assert.equal(await vscode.commands.executeCommand('dockerExplorer.registries.logIn', { registry: secured, username, password }), false, username);
    }
    for (const tag of badTags) {
      assert.equal(await vscode.commands.executeCommand('dockerExplorer.images.push', tag), undefined, tag);
    }
    assert.equal(api.service.requestsSentOutsideStores, before, 'no engine request');
    assert.equal(api.registries.accounts.list().length, listed, 'no registry added');
    assert.equal((await api.registries.accounts.credentials(parseAddress(secured))).source, 'none', 'nothing logged in');
    const errors = ui.asked.filter((a) => a.kind === 'error');
    assert.equal(errors.length, badRegistries.length * 2 + badUsers.length + badTags.length, JSON.stringify(ui.asked));
    assert.equal(ui.asked.length, errors.length, 'only messages, no questions');
    assert.ok(!errors.some((e) => e.message.includes(password)));
  });

  it('never writes the password to the output channel, a message or any log of this run', async () => {
    const written = api.commands.log.lines.join('\n');
    assert.ok(written.includes(`docker login ${secured} -u ${user} --password-stdin`), 'the login was logged, without the password');
    assert.ok(!written.includes(password), 'the output channel holds the password');
    const outputDir = path.dirname(process.env.DX_TEST_RESULTS ?? '');
    const files = fs.existsSync(outputDir) ? (fs.readdirSync(outputDir, { recursive: true, encoding: 'utf8' }) as string[]) : [];
    const holding = files.filter((f) => {
      const file = path.join(outputDir, f);
      return fs.statSync(file).isFile() && !/\.png$/.test(f) && fs.readFileSync(file, 'utf8').includes(password);
    });
    assert.ok(files.length > 0, `the run's logs are in ${outputDir}`);
    assert.deepEqual(holding, [], 'files of this run that hold the password');
  });
});
