// Docker Explorer in a Korean window: VS Code's display language set as a user sets it (the
// workbench's locale setting, argv.json "locale": "ko", which Configure Display Language writes),
// with a Korean language pack installed. VS Code's own Korean pack cannot be downloaded here, so a
// stand-in pack (languagePack/, no translations of VS Code's own strings) takes its place: without
// any pack VS Code stays English (vscode.env.language 'en') and loads no extension's Korean. A probe
// extension (probe/) drives the steps; between them this runner reads the page. One test in npm test.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { ensurePackages } from '../harness/engine/packages.mjs';
import { launchChromium, remoteUri, REPO_ROOT, startCodeServer, workbenchUrl } from '../harness/vscode.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Hangul on the screenshots: Chromium has no Korean font of its own. */
const FONT_PACKAGES = ['fonts-nanum'];
/** The label test/integration/support/testEngine.ts gives what tests create, so a crashed run's leftovers are removed too. */
const RUN_LABEL = 'dev.docker-explorer.test-run';

export const koreanWindowTitle =
  "a Korean window: view titles, a row's age, a confirmation, the walkthrough, a welcome text and src/docker's messages (image name, subnet, -p) in Korean";

/** The user data a Korean user's VS Code has: the locale setting and an installed Korean language pack. */
function koreanUserData(dataDir) {
  const userData = path.join(dataDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'argv.json'), JSON.stringify({ locale: 'ko' }, null, 2));
  const pack = path.join(dataDir, 'extensions', 'docker-explorer-tests.korean-stand-in-0.0.1');
  fs.cpSync(path.join(HERE, 'languagePack'), pack, { recursive: true });
  // What VS Code writes when a language pack is installed (its LanguagePacksCache); copying the folder does not.
  const languagePacks = {
    ko: {
      hash: 'dx-stand-in-0.0.1',
      label: '한국어',
      extensions: [{ extensionIdentifier: { id: 'docker-explorer-tests.korean-stand-in' }, version: '0.0.1' }],
      translations: { vscode: path.join(pack, 'translations', 'main.i18n.json') },
    },
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(languagePacks));
  fs.cpSync(path.join(HERE, 'probe'), path.join(dataDir, 'extensions', 'docker-explorer-tests.korean-probe-0.0.1'), { recursive: true });
}

/** The probe's steps, one at a time: next(name) resolves with its body and answer(), which lets the probe go on. */
function probeSteps() {
  const arrived = [];
  let wake;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      let parsed;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = { step: 'done', error: `unreadable step: ${body}` };
      }
      arrived.push({ body: parsed, answer: () => res.end('go on') });
      wake?.();
    });
  });
  const next = async (name, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (arrived.length === 0) {
      if (Date.now() > deadline) throw new Error(`the probe did not reach the step "${name}" within ${timeoutMs / 1000} s`);
      await new Promise((r) => {
        wake = r;
        setTimeout(r, 500);
      });
    }
    const got = arrived.shift();
    if (got.body.error) throw new Error(`the probe failed before "${name}": ${got.body.error}`);
    if (got.body.step !== name) throw new Error(`the probe reached "${got.body.step}", expected "${name}"`);
    return got;
  };
  return { server, next };
}

/** Polls the page until read() gives a value that passes, else fails with what it last read. */
async function untilPage(read, passes, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await read().catch((err) => `(${err.message})`);
    if (passes(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not on the page within ${timeoutMs / 1000} s; it showed ${JSON.stringify(last)}`);
}

/** Resolves with { title, passed, error, seen }; counts as one test in `npm test`. */
export async function runKoreanWindowCheck({ env = {}, testImage, outputDir, log = console.log, timeoutMs = 120_000 }) {
  const title = koreanWindowTitle;
  const shots = path.join(outputDir, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const seen = {};
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  const docker = new Docker({ socketPath: new URL(env.DOCKER_HOST).pathname });
  const runId = `korean-${process.pid}-${Date.now()}`;
  const name = `dx-ko-${process.pid}`;
  const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-korean-window-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-korean-window-server-'));
  const probe = probeSteps();
  let server;
  let browser;
  try {
    ensurePackages(FONT_PACKAGES);
    koreanUserData(dataDir);
    // A container that ran and exited: its row says how long ago, which Intl words in Korean.
    const container = await docker.createContainer({ name, Image: testImage, Cmd: ['true'], Labels: { [RUN_LABEL]: runId } });
    await container.start();
    await container.wait();
    await new Promise((r) => probe.server.listen(0, '127.0.0.1', r));
    server = await startCodeServer({
      extensionDevelopmentPath: REPO_ROOT,
      workspacePath,
      env: {
        ...env,
        DX_PROBE_URL: `http://127.0.0.1:${probe.server.address().port}/`,
        DX_KO_CONTAINER: name,
        DX_KO_MISSING_HOST: `unix://${path.join(dataDir, 'no-engine-here.sock')}`,
        DX_KO_IMAGE: testImage,
      },
      log,
      logFile: path.join(outputDir, 'code-server.log'),
      dataDir,
    });
    browser = await launchChromium(outputDir);
    // The browser's own language stays English: the display language comes from VS Code's setting alone.
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'en-US' })).newPage();
    const payload = [
      ['extensionDevelopmentPath', remoteUri(REPO_ROOT)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(server.url, { workspacePath, payload }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const texts = (selector) => page.$$eval(selector, (els) => els.map((e) => String(e.innerText ?? '').trim()));

    const views = await probe.next('views', timeoutMs);
    seen.language = views.body.language;
    expect(seen.language === 'ko', `vscode.env.language is ${JSON.stringify(seen.language)}, not "ko"`);
    seen.viewTitles = await untilPage(
      () => texts('.pane-header h3.title'),
      (t) => ['컨테이너', '이미지', '볼륨'].every((v) => t.includes(v)),
      'the views titled 컨테이너, 이미지, 볼륨',
    ).catch((err) => (problems.push(err.message), undefined));
    seen.row = await untilPage(
      () => page.$$eval(`.monaco-list-row[aria-label^="${name}, "]`, (els) => els.map((e) => e.getAttribute('aria-label'))).then((l) => l[0]),
      (label) => /종료됨\(0\) (\d+초|\d+분|1초 미만) 전/.test(label ?? ''),
      `the row of ${name} saying how long ago it exited, in Korean ("종료됨(0) 5초 전")`,
    ).catch((err) => (problems.push(err.message), undefined));
    await page.screenshot({ path: path.join(shots, 'korean-views.png') });
    views.answer();

    const dialog = await probe.next('dialog', timeoutMs);
    seen.dialog = await untilPage(
      () => texts('.monaco-dialog-box').then((t) => t.join('\n')),
      (t) => t.includes(`컨테이너 "${name}"을(를) 삭제할까요?`) && t.includes('한 번 삭제한 컨테이너는 복구할 수 없습니다'),
      'the removal confirmation in Korean',
    ).catch((err) => (problems.push(err.message), undefined));
    await page.screenshot({ path: path.join(shots, 'korean-confirmation.png') });
    await page.keyboard.press('Escape');
    dialog.answer();

    const walkthrough = await probe.next('walkthrough', timeoutMs);
    seen.walkthrough = await untilPage(
      () => texts('button.getting-started-step .step-title'),
      (t) => t.length === 9 && t[0] === '1. Docker 엔진에 연결하기' && t[8] === '9. 중지, 삭제, 정리',
      'the walkthrough steps in Korean',
    ).catch((err) => (problems.push(err.message), undefined));
    // The step's media, a Markdown file chosen by the Korean package.nls (media/walkthrough/ko/), renders in a webview frame.
    seen.walkthroughMedia = await untilPage(
      async () => {
        for (const frame of page.frames()) {
          const text = await frame.evaluate(() => globalThis.document?.body?.innerText ?? '').catch(() => '');
          if (text.includes('docker CLI가 쓰는 엔진에 연결합니다')) return text.slice(0, 120);
        }
        return undefined;
      },
      (t) => Boolean(t),
      "the first step's media in Korean (media/walkthrough/ko/1-connect.md)",
    ).catch((err) => (problems.push(err.message), undefined));
    await page.screenshot({ path: path.join(shots, 'korean-walkthrough.png') });
    walkthrough.answer();

    const welcome = await probe.next('welcome', timeoutMs);
    seen.welcome = await untilPage(
      () => texts('.pane-body .welcome-view-content').then((t) => t.join('\n')),
      (t) => t.includes('위에 표시된 주소에서 기다리는 Docker 엔진이 없습니다'),
      'the Containers view welcome for a missing engine, in Korean',
    ).catch((err) => (problems.push(err.message), undefined));
    seen.viewEngine = await untilPage(
      () => texts('.pane-header').then((headers) => headers.filter((h) => h.includes('no-engine-here.sock'))),
      (t) => t.length === 3 && t.every((h) => h.includes('(설정에서)')),
      'the engine each view names, and what chose it (the setting), in Korean',
    ).catch((err) => (problems.push(err.message), undefined));
    await page.screenshot({ path: path.join(shots, 'korean-welcome.png') });
    welcome.answer();

    // A toast, or the notification center when the workbench put it there quietly.
    const notifications = async () => {
      const toasts = (await texts('.notification-toast')).join('\n');
      if (toasts) return toasts;
      if ((await page.locator('.notifications-center.visible').count()) === 0) {
        await page
          .locator('#status\\.notifications')
          .click({ timeout: 2000 })
          .catch(() => undefined);
      }
      return (await texts('.notifications-center .notification-list-item')).join('\n');
    };
    const parserError = await probe.next('parserError', timeoutMs);
    seen.parserError = await untilPage(
      notifications,
      (t) => t.includes('"Bad Name"에 공백이나 제어 문자가 있습니다'),
      "the image-name parser's message (src/docker) in Korean",
    ).catch((err) => (problems.push(err.message), undefined));
    await page.screenshot({ path: path.join(shots, 'korean-parser-error.png') });
    parserError.answer();

    // Messages of the other src/docker parsers, each refused before any request: Create Network's subnet, Run's -p.
    const networkError = await probe.next('networkError', timeoutMs);
    seen.networkError = await untilPage(
      notifications,
      (t) => t.includes('--subnet 10.10.0.1/24: 주소에 /24 프리픽스 밖의 비트가 켜져 있습니다. 10.10.0.0/24을(를) 뜻하셨나요?'),
      "Create Network's subnet message (src/docker/networkSpec.ts) in Korean",
    ).catch((err) => (problems.push(err.message), undefined));
    await page.screenshot({ path: path.join(shots, 'korean-network-error.png') });
    networkError.answer();

    const runError = await probe.next('runError', timeoutMs);
    seen.runError = await untilPage(
      notifications,
      (t) => t.includes('-p 70000:80: 호스트 포트 70000은(는) 범위를 벗어났습니다. 포트는 1부터 65535까지입니다.'),
      "Run Container's -p message (src/docker/runSpec.ts) in Korean",
    ).catch((err) => (problems.push(err.message), undefined));
    await page.screenshot({ path: path.join(shots, 'korean-run-error.png') });
    runError.answer();

    (await probe.next('done', timeoutMs)).answer();
    // Escape cancelled the removal: the container is still there.
    expect(
      await container.inspect().then(
        () => true,
        () => false,
      ),
      `${name} was removed although the confirmation was cancelled`,
    );
    // The refused Create Network and Run made nothing.
    const made = [
      ...(await docker.listNetworks({ filters: { name: [`${name}-net`] } })).map((n) => `network ${n.Name}`),
      ...(await docker.listContainers({ all: true, filters: { name: [`${name}-run`] } })).map((c) => `container ${c.Names[0]}`),
    ];
    expect(made.length === 0, `the refused commands made ${made.join(', ')}`);
  } catch (err) {
    problems.push(`harness: ${err.message}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    probe.server.closeAllConnections?.();
    probe.server.close();
    const leftovers = await docker.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${runId}`] } }).catch(() => []);
    for (const c of leftovers)
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
    fs.rmSync(workspacePath, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.join(outputDir, '.chromium-home'), { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(outputDir, 'seen.json'), JSON.stringify({ seen, problems }, null, 2));
  return { title, passed: problems.length === 0, error: problems.join('; '), seen };
}

// `node test/korean/run.mjs`: this check alone, against the private test engine (started if needed).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { startEngine } = await import('../harness/engine.mjs');
  const engine = await startEngine();
  const result = await runKoreanWindowCheck({
    env: { DOCKER_HOST: engine.dockerHost },
    testImage: engine.testImage,
    outputDir: path.join(REPO_ROOT, 'test-output', 'korean'),
  });
  console.log(JSON.stringify(result, null, 2));
  process.exit(result.passed ? 0 : 1);
}
