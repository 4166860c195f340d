#!/usr/bin/env node
// A private Docker engine and registry for tests. It never uses or touches /var/run/docker.sock.
// The engine answers on its unix socket (the main host) and on tcp://127.0.0.1:PORT with mutual TLS
// (certificates under <root>/tls, client files in <root>/tls/client for DOCKER_CERT_PATH).
// An ssh endpoint to it is started on demand by endpoints.mjs; stopping the engine stops it too.
// CLI: node test/harness/engine.mjs start | stop [--purge] | status | env [--tls]
// Env: DX_ENGINE_ROOT (default <repo>/.cache/engine), DX_ENGINE_BRIDGE (dxtest0),
//      DX_ENGINE_CIDR (172.31.250.1/24), DX_ENGINE_IP_FORWARD=0 (leave the host's sysctl alone).
// The pieces live in engine/ (one job each) and processes.mjs; this file is the CLI and the
// one import for callers (scripts, bench, endpoints.mjs).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { log, spawnEngineProcess, stopProcess } from './engine/layout.mjs';
import { engineStatus } from './engine/state.mjs';
import { startEngine, stopEngine } from './engine/lifecycle.mjs';

export { freePort, isAlive, run, waitFor } from './processes.mjs';
export { ping, tlsPing } from './engine/http.mjs';
export { startEngine, stopEngine, withEngineLock } from './engine/lifecycle.mjs';
export { ensurePackages } from './engine/packages.mjs';
export { engineLayout, engineStatus, readEngineState, stopSshProcesses, writeEngineState } from './engine/state.mjs';
/** Starts a detached process with the engine's environment (extraEnv added); returns its pid. */
export const spawnDetached = spawnEngineProcess;
/** SIGTERM, SIGKILL after timeoutMs; returns once the process is gone. */
export const terminate = stopProcess;

const SELF = fileURLToPath(import.meta.url);

async function main([command, ...args]) {
  switch (command) {
    case 'start': {
      const st = await startEngine();
      console.log(JSON.stringify(st, null, 2));
      console.log(`export DOCKER_HOST=${st.dockerHost}`);
      return 0;
    }
    case 'stop':
      console.log(JSON.stringify(await stopEngine({ purge: args.includes('--purge') })));
      return 0;
    case 'status': {
      const status = await engineStatus();
      console.log(JSON.stringify(status, null, 2));
      return status.running ? 0 : 3; // 3: not running, as in LSB init scripts
    }
    case 'env': {
      const status = await engineStatus();
      if (!status.engine) {
        log('engine not running; run `engine.mjs start`');
        return 3;
      }
      if (args.includes('--tls')) {
        if (!status.tls) {
          log('the engine has no working TLS endpoint; run `engine.mjs start`');
          return 3;
        }
        console.log(`DOCKER_HOST=${status.state.tlsHost}\nDOCKER_TLS_VERIFY=1\nDOCKER_CERT_PATH=${status.state.tlsCertPath}`);
      } else {
        console.log(`DOCKER_HOST=${status.state.dockerHost}`);
      }
      return 0;
    }
    default:
      console.error('usage: engine.mjs start | stop [--purge] | status | env [--tls]');
      return 2;
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === SELF) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`[engine] ${err.message}`);
      process.exitCode = 1;
    },
  );
}
