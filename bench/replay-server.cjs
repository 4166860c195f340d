// Answers every request on a unix socket with one recorded Engine API answer, so a listing can be
// timed without the engine's own (noisy) time: what is left is the client's cost.
const fs = require('node:fs');
const http = require('node:http');

const [socketPath, bodyFile] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile);
fs.rmSync(socketPath, { force: true });
http
  .createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  })
  .listen(socketPath, () => process.stdout.write('ready\n'));
