// Answers requests on a unix socket with recorded Engine API answers, so a listing can be timed
// (or its memory measured) without the engine's own (noisy) time: what is left is the client's cost.
// `replay-server.cjs SOCKET FILE` answers every request with FILE; `replay-server.cjs SOCKET
// /containers/json=FILE /images/json=FILE ...` answers each path with its file, holds `/events`
// open (an idle stream) and answers `/_ping` with OK.
const fs = require('node:fs');
const http = require('node:http');

const [socketPath, ...answers] = process.argv.slice(2);
const bodies = new Map(
  answers.map((a) => (a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : ['*', a])).map(([p, f]) => [p, fs.readFileSync(f)]),
);
fs.rmSync(socketPath, { force: true });
const server = http.createServer((req, res) => {
  const pathname = new URL(req.url, 'http://engine').pathname.replace(/^\/v[\d.]+\//, '/');
  if (!bodies.has('*') && pathname === '/events') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    return;
  }
  if (!bodies.has('*') && pathname === '/_ping') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 });
    return res.end('OK');
  }
  const body = bodies.get('*') ?? bodies.get(pathname);
  if (!body) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ message: `no recorded answer for ${pathname}` }));
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
});
// As dockerd: an idle keep-alive connection stays open (Node closes it after 5 s, which a client
// paused by a long GC or heap snapshot meets as EPIPE on its next request).
server.keepAliveTimeout = 0;
server.listen(socketPath, () => process.stdout.write('ready\n'));
