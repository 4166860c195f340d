// The HTTP bridge through which tests in the extension host look at the page (screenshots, texts,
// attributes, clicks).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { defaultLog } from './paths.mjs';

function readJsonBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
      if (body.length > 1_000_000) {
        reject(new Error('body too large'));
        req.destroy();
      }
    });
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

/**
 * HTTP bridge that lets tests in the extension host look at the page.
 * POST /screenshot {name, fullPage?} -> {path}
 * POST /texts {selector}             -> {texts}
 * POST /attributes {selector, attribute} -> {values}
 * POST /click {selector}             -> {ok: true}
 */
export async function startUiBridge({ getPage, outputDir, log = defaultLog }) {
  const shotsDir = path.join(outputDir, 'screenshots');
  const handlers = {
    async '/screenshot'(page, { name = `shot-${Date.now()}`, fullPage = false }) {
      const safe = String(name)
        .replace(/[^\w.-]+/g, '_')
        .replace(/\.png$/i, '');
      fs.mkdirSync(shotsDir, { recursive: true });
      const file = path.join(shotsDir, `${safe}.png`);
      await page.screenshot({ path: file, fullPage: !!fullPage });
      return { path: file };
    },
    async '/texts'(page, { selector }) {
      if (!selector) throw new Error('selector required');
      const texts = await page.$$eval(selector, (els) => els.map((e) => String(e.innerText ?? e.textContent ?? '').trim()));
      return { texts };
    },
    async '/attributes'(page, { selector, attribute }) {
      if (!selector || !attribute) throw new Error('selector and attribute required');
      const values = await page.$$eval(selector, (els, a) => els.map((e) => e.getAttribute(a)), attribute);
      return { values };
    },
    async '/click'(page, { selector }) {
      if (!selector) throw new Error('selector required');
      await page.click(selector, { timeout: 10_000 });
      return { ok: true };
    },
  };
  const server = http.createServer(async (req, res) => {
    const send = (status, obj) => {
      const body = JSON.stringify(obj);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const route = (req.url || '').split('?')[0];
    const handler = Object.hasOwn(handlers, route) ? handlers[route] : null;
    if (!handler || req.method !== 'POST') return send(404, { error: `unknown endpoint ${req.method} ${route}` });
    try {
      const body = await readJsonBody(req);
      const page = getPage();
      if (!page) return send(503, { error: 'page not ready' });
      send(200, await handler(page, body));
    } catch (e) {
      log(`ui-bridge ${route} failed: ${e.message.split('\n')[0]}`);
      send(500, { error: String(e.message || e) });
    }
  });
  const port = await new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
