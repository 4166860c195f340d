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

/* global window, document, MutationObserver -- these functions run in the page (page.evaluate) */
// The page logs its rows itself (a MutationObserver), so a measurement is exact to the mutation, not to a poll.
const pageRowHandlers = {
  async '/rows/record'(page) {
    const now = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      if (!w.__dxRows) {
        const log = [];
        const waiters = new Set();
        let last = '';
        const note = () => {
          const labels = Array.from(document.querySelectorAll('.monaco-list-row[aria-label]'), (e) => e.getAttribute('aria-label') ?? '');
          const key = labels.join('\n');
          if (key === last) return;
          last = key;
          log.push({ t: performance.timeOrigin + performance.now(), labels });
          waiters.forEach((w) => w());
        };
        new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
        note();
        w.__dxRows = { log, waiters };
      }
      return performance.timeOrigin + performance.now();
    });
    return { now };
  },
  async '/rows/when'(page, { pattern, absent = false, after, timeoutMs = 10_000 }) {
    if (!pattern || typeof after !== 'number') throw new Error('pattern and after required');
    return page.evaluate(
      ({ pattern, absent, after, timeoutMs }) =>
        new Promise((resolve) => {
          const rows = /** @type {any} */ (window).__dxRows;
          if (!rows) return resolve({ error: 'POST /rows/record first' });
          const re = new RegExp(pattern);
          const holds = (labels) => (absent ? !labels.some((l) => re.test(l)) : labels.find((l) => re.test(l)));
          let before;
          for (const entry of rows.log) if (entry.t < after) before = entry;
          if (before && holds(before.labels)) return resolve({ at: after, already: true, label: absent ? null : holds(before.labels) });
          let index = 0;
          const check = () => {
            for (; index < rows.log.length; index++) {
              const entry = rows.log[index];
              const found = entry.t >= after && holds(entry.labels);
              if (found) {
                done({ at: entry.t, label: absent ? null : found });
                return;
              }
            }
          };
          const timer = setTimeout(() => done({ timedOut: true, last: rows.log.at(-1)?.labels.filter((l) => re.test(l)) ?? [] }), timeoutMs);
          const done = (value) => {
            clearTimeout(timer);
            rows.waiters.delete(check);
            resolve(value);
          };
          rows.waiters.add(check);
          check();
        }),
      { pattern, absent, after, timeoutMs },
    );
  },
};

// What a tree row's label shows beyond its text: the decoration's badge (a CSS ::after) and colours.
const pageLabelHandlers = {
  async '/labels'(page, { selector = '.monaco-list-row .monaco-icon-label' }) {
    const labels = await page.$$eval(selector, (els) =>
      els.map((e) => {
        const after = window.getComputedStyle(e, '::after');
        const name = e.querySelector('.label-name');
        const content = after.content;
        return {
          name: String(name?.textContent ?? '').trim(),
          badge: content && content !== 'none' && content !== 'normal' ? content.replace(/^"(.*)"$/, '$1') : '',
          badgeColor: after.color,
          nameColor: name ? window.getComputedStyle(name).color : '',
        };
      }),
    );
    return { labels };
  },
  async '/colors'(page, { ids }) {
    if (!Array.isArray(ids)) throw new Error('ids required');
    const colors = await page.evaluate((ids) => {
      const probe = document.createElement('span');
      document.querySelector('.monaco-workbench')?.appendChild(probe);
      const out = ids.map((id) => {
        probe.style.color = 'rgb(1, 2, 3)';
        probe.style.color = `var(--vscode-${id.replace(/\./g, '-')}, rgb(1, 2, 3))`;
        const c = window.getComputedStyle(probe).color;
        return c === 'rgb(1, 2, 3)' ? null : c;
      });
      probe.remove();
      return out;
    }, ids);
    return { colors };
  },
};

/**
 * HTTP bridge that lets tests in the extension host look at the page.
 * POST /screenshot {name, fullPage?} -> {path}
 * POST /texts {selector}             -> {texts}
 * POST /attributes {selector, attribute} -> {values}
 * POST /click {selector}             -> {ok: true}
 * POST /hover {selector}             -> {ok: true}
 * POST /drag {from, to}              -> {ok: true}: drags the first element matching from ({selector, text?}) onto the first matching to
 * POST /labels {selector?}           -> {labels: [{name, badge, badgeColor, nameColor}]}: each tree label's text, decoration badge and colours
 * POST /colors {ids}                 -> {colors}: each theme colour id as the page resolves it (rgb), null when the theme has none
 * POST /rows/record {}               -> {now}: from now on the page logs each change of its tree rows' aria-labels, with its time
 * POST /rows/when {pattern, absent, after, timeoutMs} -> {at, label, already}: the first logged moment at or after `after`
 *      (epoch ms, performance.timeOrigin + performance.now(), as in the extension host) when a row matches (or none does)
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
    async '/drag'(page, { from, to }) {
      if (!from?.selector || !to?.selector) throw new Error('from and to ({selector, text?}) required');
      const locate = ({ selector, text }) => (text ? page.locator(selector).filter({ hasText: text }) : page.locator(selector)).first();
      // As a user drags with the mouse: press on one row, move over the other, release (HTML5 drag and drop in Chromium).
      await locate(from).dragTo(locate(to), { timeout: 10_000 });
      return { ok: true };
    },
    async '/click'(page, { selector }) {
      if (!selector) throw new Error('selector required');
      await page.click(selector, { timeout: 10_000 });
      return { ok: true };
    },
    // A view's title actions show only while its pane is hovered or focused: hover it first.
    async '/hover'(page, { selector }) {
      if (!selector) throw new Error('selector required');
      await page.hover(selector, { timeout: 10_000 });
      return { ok: true };
    },
  };
  Object.assign(handlers, pageRowHandlers, pageLabelHandlers);
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
