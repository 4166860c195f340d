// Small HTTP probes of the engine (unix socket, mutual TLS) and of the registry.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

export function request(target, urlPath, { method = 'GET', headers = {}, timeoutMs = 3000 } = {}) {
  return new Promise((resolve) => {
    const req = http.request({ ...target, method, path: urlPath, headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (chunk) => {
          body += chunk;
        })
        .on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end();
  });
}

export async function ping(socketPath) {
  const res = await request({ socketPath }, '/_ping');
  return res.status === 200 && res.body === 'OK';
}

// GET /_ping over mutual TLS with the client files of DOCKER_CERT_PATH.
export async function tlsPing(tlsHost, certPath) {
  if (!tlsHost || !certPath) return false;
  let tls;
  try {
    tls = Object.fromEntries(['ca', 'cert', 'key'].map((name) => [name, fs.readFileSync(path.join(certPath, `${name}.pem`))]));
  } catch {
    return false;
  }
  const { hostname: host, port } = new URL(tlsHost.replace(/^tcp:/, 'https:'));
  return new Promise((resolve) => {
    const req = https.request({ host, port, path: '/_ping', ...tls, agent: false, timeout: 3000 }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (chunk) => {
          body += chunk;
        })
        .on('end', () => resolve(res.statusCode === 200 && body === 'OK'));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

export const hostPort = (addr) => ({ host: addr.split(':')[0], port: Number(addr.split(':')[1]) });
export const registryUp = async (addr) => !!addr && (await request(hostPort(addr), '/v2/')).status === 200;
