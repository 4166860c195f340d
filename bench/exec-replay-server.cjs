// A stand-in engine on a unix socket for `docker exec -it` and our Exec Command: every exec it
// starts sends one recorded TTY output as fast as the reader takes it, then ends with exit code 0.
// The engine's own pace (its TTY path) is gone, so what is left is each client's cost.
// Usage: exec-replay-server.cjs SOCKET OUTPUT_FILE CONTAINER_JSON_FILE
const fs = require('node:fs');
const http = require('node:http');

const [socketPath, outputFile, containerFile] = process.argv.slice(2);
const output = fs.readFileSync(outputFile);
const container = fs.readFileSync(containerFile);
const CHUNK = 4096; // about what the engine sends per read of the exec's pty
let execs = 0;

const json = (res, status, body) => {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': text.length, 'Api-Version': '1.41', Ostype: 'linux' });
  res.end(text);
};

fs.rmSync(socketPath, { force: true });
const server = http.createServer((req, res) => {
  req.resume();
  const path = req.url.replace(/^\/v[\d.]+/, '').split('?')[0];
  if (path === '/_ping') {
    res.writeHead(200, { 'Api-Version': '1.41', Ostype: 'linux', 'Docker-Experimental': 'false', 'Content-Type': 'text/plain', 'Content-Length': 2 });
    return res.end(req.method === 'HEAD' ? undefined : 'OK');
  }
  if (req.method === 'GET' && /^\/containers\/[^/]+\/json$/.test(path)) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': container.length });
    return res.end(container);
  }
  if (req.method === 'POST' && /^\/containers\/[^/]+\/exec$/.test(path)) return json(res, 201, { Id: `replay${++execs}` });
  if (req.method === 'POST' && /^\/exec\/[^/]+\/resize$/.test(path)) return json(res, 200, {});
  const inspect = path.match(/^\/exec\/([^/]+)\/json$/);
  if (req.method === 'GET' && inspect) return json(res, 200, { ID: inspect[1], Running: false, ExitCode: 0, ProcessConfig: { tty: true } });
  json(res, 404, { message: `the replay server does not answer ${req.method} ${req.url}` });
});

// POST /exec/{id}/start with Upgrade: tcp, as dockerode and the CLI send it.
server.on('upgrade', (req, socket) => {
  socket.on('error', () => {});
  socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
  socket.resume(); // what the client types is not read
  let at = 0;
  const pump = () => {
    while (at < output.length) {
      const chunk = output.subarray(at, at + CHUNK);
      at += chunk.length;
      if (!socket.write(chunk)) return socket.once('drain', pump);
    }
    socket.end();
  };
  pump();
});

server.listen(socketPath, () => process.stdout.write('ready\n'));
