import * as assert from 'node:assert/strict';
import { composeProfiles, composeServices } from '../../src/docker/composeFile';
import { projectState, publishedPorts, servicesOf } from '../../src/docker/composeProject';
import {
  composeCommand,
  composeFileSet,
  defaultProjectName,
  displayWords,
  engineEnvironment,
  findComposeTool,
  isComposeFileName,
  projectNameProblem,
  serviceNameProblem,
} from '../../src/docker/composeTool';
import type { ContainerModel } from '../../src/docker/models';
import { linePrefix, prefixNames } from '../../src/terminal/projectLogPrefix';
import { container as containerModel } from './support/models';

/** A member of the compose project p. */
function container(id: string, changes: Partial<ContainerModel> = {}): ContainerModel {
  return containerModel(id, { name: `p_${id}_1`, composeProject: 'p', ...changes });
}

describe('the compose tool, found without running anything', () => {
  const search = (files: string[], env: Record<string, string>) => ({ env, homedir: '/home/u', isExecutable: (f: string) => files.includes(f) });

  it('prefers the docker CLI plugin when the docker CLI is on PATH, else docker-compose on PATH', () => {
    const env = { PATH: '/usr/local/bin:/usr/bin' };
    assert.deepEqual(findComposeTool(search(['/usr/bin/docker', '/usr/bin/docker-compose', '/usr/libexec/docker/cli-plugins/docker-compose'], env)), {
      kind: 'plugin',
      docker: '/usr/bin/docker',
      plugin: '/usr/libexec/docker/cli-plugins/docker-compose',
    });
    assert.deepEqual(findComposeTool(search(['/usr/bin/docker', '/usr/bin/docker-compose'], env)), { kind: 'standalone', path: '/usr/bin/docker-compose' });
    // A plugin without the docker CLI to run it is no use.
    assert.deepEqual(findComposeTool(search(['/usr/lib/docker/cli-plugins/docker-compose', '/usr/bin/docker-compose'], env)), {
      kind: 'standalone',
      path: '/usr/bin/docker-compose',
    });
    assert.equal(findComposeTool(search(['/opt/docker-compose'], env)), undefined);
  });

  it('looks in $DOCKER_CONFIG/cli-plugins first, else ~/.docker/cli-plugins', () => {
    const files = ['/usr/bin/docker', '/cfg/cli-plugins/docker-compose', '/home/u/.docker/cli-plugins/docker-compose'];
    assert.equal((findComposeTool(search(files, { PATH: '/usr/bin', DOCKER_CONFIG: '/cfg' })) as { plugin: string }).plugin, '/cfg/cli-plugins/docker-compose');
    assert.equal((findComposeTool(search(files, { PATH: '/usr/bin' })) as { plugin: string }).plugin, '/home/u/.docker/cli-plugins/docker-compose');
  });

  it('builds -f for each file, the project directory, -p, profiles, then the subcommand', () => {
    const plugin = { kind: 'plugin' as const, docker: '/usr/bin/docker', plugin: '/p/docker-compose' };
    const invocation = {
      files: ['/w/compose.yaml', '/w/compose.override.yaml'],
      projectDirectory: '/w',
      projectName: 'shop',
      profiles: ['debug'],
      verb: ['up', '-d', 'web'],
    };
    const command = composeCommand(plugin, invocation);
    assert.deepEqual(command, {
      program: '/usr/bin/docker',
      args: ['compose', '-f', '/w/compose.yaml', '-f', '/w/compose.override.yaml', '--project-directory', '/w', '-p', 'shop', '--profile', 'debug', 'up', '-d', 'web'],
    });
    assert.equal(displayWords(plugin, command)[0], 'docker');
    const standalone = composeCommand({ kind: 'standalone', path: '/usr/bin/docker-compose' }, { files: ['/w/compose.yaml'], projectDirectory: '/w', verb: ['down'] });
    assert.deepEqual(standalone, { program: '/usr/bin/docker-compose', args: ['-f', '/w/compose.yaml', '--project-directory', '/w', 'down'] });
  });

  it('points the tool at the engine the views use: DOCKER_HOST, or the context by name', () => {
    const env = { DOCKER_HOST: 'tcp://elsewhere:2375', DOCKER_CERT_PATH: '/certs', DOCKER_TLS_VERIFY: '1' };
    assert.deepEqual(engineEnvironment({ host: 'unix:///run/x.sock', source: 'setting', description: '' }, env), {
      DOCKER_HOST: 'unix:///run/x.sock',
      DOCKER_CERT_PATH: '/certs',
      DOCKER_TLS_VERIFY: '1',
    });
    assert.deepEqual(engineEnvironment({ host: 'ssh://h', source: 'context', contextName: 'remote', description: '' }, {}), { DOCKER_CONTEXT: 'remote' });
  });

  it('validates project names as compose does, and service names', () => {
    for (const ok of ['shop', 'a1', '1a', 'my-app_2']) assert.equal(projectNameProblem(ok), undefined, ok);
    for (const bad of ['', 'Shop', '-a', '_a', 'a b', 'a.b', 'a/b', 'x'.repeat(201)]) assert.ok(projectNameProblem(bad), bad);
    assert.equal(serviceNameProblem('web.v2'), undefined);
    assert.ok(serviceNameProblem('a b'));
    assert.ok(serviceNameProblem('--rm'));
  });

  it('recognises compose files and their overrides, and adds the override beside the main file', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.override.yaml', 'docker-compose.prod.yml']) {
      assert.ok(isComposeFileName(`/w/${name}`), name);
    }
    for (const name of ['mycompose.yaml', 'compose.json', 'docker-compose.yml.bak']) assert.ok(!isComposeFileName(`/w/${name}`), name);
    const exists = (p: string) => ['/w/compose.yaml', '/w/compose.override.yaml', '/w/docker-compose.yml'].includes(p);
    assert.deepEqual(composeFileSet('/w/compose.yaml', exists), ['/w/compose.yaml', '/w/compose.override.yaml']);
    assert.deepEqual(composeFileSet('/w/compose.override.yaml', exists), ['/w/compose.yaml', '/w/compose.override.yaml']);
    assert.deepEqual(composeFileSet('/w/docker-compose.yml', exists), ['/w/docker-compose.yml']);
  });

  it('names a project after its folder as each tool would', () => {
    assert.equal(defaultProjectName('/w/My_App-2', 'plugin'), 'my_app-2');
    assert.equal(defaultProjectName('/w/My_App-2', 'standalone'), 'myapp2');
  });
});

describe('the services and profiles a compose file names', () => {
  it('reads the services in order with their profiles, flow or block', () => {
    const text = `name: shop
services:
  # the front
  web:
    image: nginx
    profiles: [front, "debug"]
  db:
    image: postgres
    environment:
      services: not-a-service
  "tools":
    profiles:
      - debug
volumes:
  data: {}
`;
    assert.deepEqual(composeServices(text), [
      { name: 'web', profiles: ['front', 'debug'] },
      { name: 'db', profiles: [] },
      { name: 'tools', profiles: ['debug'] },
    ]);
    assert.deepEqual(composeProfiles(composeServices(text)), ['debug', 'front']);
    assert.deepEqual(composeServices('version: "3"\n'), []);
  });
});

describe('a compose project as the engine shows it', () => {
  it('has one state for its containers together', () => {
    assert.equal(projectState([container('a'), container('b')]), 'running');
    assert.equal(projectState([container('a'), container('b', { state: 'exited' })]), 'partial');
    assert.equal(projectState([container('a', { state: 'exited' }), container('b', { state: 'created' })]), 'stopped');
    assert.equal(projectState([container('a'), container('b', { state: 'paused' })]), 'paused');
  });

  it('groups containers by service, keeps unlabelled ones apart, and lists published ports', () => {
    const web1 = container('w1', { composeService: 'web', ports: [{ ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' }] });
    const web2 = container('w2', {
      composeService: 'web',
      ports: [
        { ip: '127.0.0.1', privatePort: 80, publicPort: 8081, type: 'tcp' },
        { privatePort: 443, type: 'tcp' },
      ],
    });
    const db = container('d', { composeService: 'db' });
    const loose = container('x');
    const { services, unlabelled } = servicesOf([web1, db, web2, loose]);
    assert.deepEqual(
      services.map((s) => [s.service, s.containers.map((c) => c.id)]),
      [
        ['db', ['d']],
        ['web', ['w1', 'w2']],
      ],
    );
    assert.deepEqual(unlabelled, [loose]);
    assert.deepEqual(publishedPorts([web1, web2]), ['127.0.0.1:8081->80/tcp', '8080->80/tcp']);
  });

  it('prefixes log lines with the service, or the container when a service has replicas, aligned and coloured', () => {
    const names = prefixNames([
      container('a', { composeService: 'web' }),
      container('b', { composeService: 'db', name: 'p_db_1' }),
      container('c', { composeService: 'db', name: 'p_db_2' }),
    ]);
    assert.deepEqual([...names.values()], ['web', 'p_db_1', 'p_db_2']);
    assert.equal(linePrefix('web', 6, 0), '\x1b[36mweb    |\x1b[39m ');
    assert.equal(linePrefix('db', 2, 1), '\x1b[33mdb |\x1b[39m ');
  });
});
