import * as assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { parseRunOptions, runOptionsProblem, runSpecFrom, splitRunWords } from '../../src/docker/runOptions';
import { parsePort, parseVolume, PortSpec, RunSpec, RunSpecError } from '../../src/docker/runSpec';
import { specFromInspect, toCreateOptions, toDockerRunLine } from '../../src/docker/runSpecBuild';

describe('docker run options', () => {
  describe('shell-like words', () => {
    const cases: [string, string[]][] = [
      ['sh -c "echo hi"', ['sh', '-c', 'echo hi']],
      ['sh -c \'a "b" c\'', ['sh', '-c', 'a "b" c']],
      ['a\\ b "c\\"d" \'\'', ['a b', 'c"d', '']],
      ['  spaced   out  ', ['spaced', 'out']],
    ];
    for (const [text, words] of cases) {
      it(`splits ${text} into ${JSON.stringify(words)}`, () => assert.deepEqual(splitRunWords(text), words));
    }
    it('refuses an unclosed quote and says which', () => {
      assert.throws(() => splitRunWords('sh -c "echo'), /double quote is not closed/);
    });
  });

  describe('-p', () => {
    const good: [string, PortSpec][] = [
      ['80', { hostIp: undefined, hostPort: undefined, containerPort: '80', protocol: 'tcp' }],
      ['8080:80', { hostIp: undefined, hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
      ['127.0.0.1:8080:80', { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
      ['127.0.0.1::80', { hostIp: '127.0.0.1', hostPort: undefined, containerPort: '80', protocol: 'tcp' }],
      ['53:53/udp', { hostIp: undefined, hostPort: '53', containerPort: '53', protocol: 'udp' }],
      ['[::1]:8080:80/sctp', { hostIp: '::1', hostPort: '8080', containerPort: '80', protocol: 'sctp' }],
      ['8000-8001:80-81', { hostIp: undefined, hostPort: '8000-8001', containerPort: '80-81', protocol: 'tcp' }],
      ['8000-8010:80', { hostIp: undefined, hostPort: '8000-8010', containerPort: '80', protocol: 'tcp' }],
    ];
    for (const [spec, parsed] of good) {
      it(`reads -p ${spec}`, () => assert.deepEqual(parsePort(spec), parsed));
    }
    const bad: [string, RegExp][] = [
      ['', /needs a port mapping/],
      ['0:80', /host port 0 is out of range; ports go from 1 to 65535/],
      ['8080:70000', /container port 70000 is out of range/],
      ['8080:http', /"http" is not a port number/],
      ['8080:80/icmp', /"icmp" is not a protocol; use \/tcp, \/udp or \/sctp/],
      ['1.2.3.4:1:2:3', /too many ":"/],
      ['host:8080:80', /"host" is not an IP address/],
      ['300.1.1.1:8080:80', /not an IPv4 address/],
      ['8080:', /container port is missing/],
      ['8000-8002:80-81', /different sizes/],
      ['90-80', /ends before it starts/],
    ];
    for (const [spec, message] of bad) {
      it(`refuses -p ${JSON.stringify(spec)} saying ${message.source}`, () => assert.throws(() => parsePort(spec), message));
    }
  });

  describe('-v', () => {
    const good: [string, ReturnType<typeof parseVolume>][] = [
      ['/srv/www:/usr/share/www:ro', { kind: 'bind', source: '/srv/www', target: '/usr/share/www', mode: 'ro' }],
      ['/srv/www:/www', { kind: 'bind', source: '/srv/www', target: '/www', mode: undefined }],
      ['data:/data', { kind: 'volume', source: 'data', target: '/data', mode: undefined }],
      ['my_data.1:/data:rw', { kind: 'volume', source: 'my_data.1', target: '/data', mode: 'rw' }],
      ['/cache', { kind: 'anonymous', target: '/cache' }],
    ];
    for (const [spec, parsed] of good) {
      it(`reads -v ${spec}`, () => assert.deepEqual(parseVolume(spec), parsed));
    }
    const bad: [string, RegExp][] = [
      ['data:data', /container path "data" must be absolute/],
      ['cache', /must be absolute/],
      ['./src:/src', /relative path; give an absolute host path/],
      ['-bad:/data', /not a valid volume name/],
      ['x:/data', /not a valid volume name: use at least 2 characters/],
      ['data:/data:rx', /"rx" is not a mount mode; use ro/],
      ['data:/data:ro,rw', /not a mount mode/],
      ['data:/', /cannot be mounted on \//],
      ['a:/b:ro:x', /too many ":"/],
    ];
    for (const [spec, message] of bad) {
      it(`refuses -v ${spec} saying ${message.source}`, () => assert.throws(() => parseVolume(spec), message));
    }
  });

  describe('the options line', () => {
    it('reads every everyday option and the command after --', () => {
      const options = parseRunOptions(
        '--name web -p 127.0.0.1:8080:80 -e A=1 --env=B= -v data:/data:ro --link db:db --volumes-from store:ro -it --rm --init -l team=web -- sh -c "echo hi; sleep 1"',
      );
      assert.deepEqual(options, {
        name: 'web',
        env: ['A=1', 'B='],
        labels: ['team=web'],
        ports: [{ hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
        volumes: [{ kind: 'volume', source: 'data', target: '/data', mode: 'ro' }],
        volumesFrom: ['store:ro'],
        links: ['db:db'],
        interactive: true,
        tty: true,
        detach: false,
        autoRemove: true,
        init: true,
        networkAliases: [],
        command: ['sh', '-c', 'echo hi; sleep 1'],
      });
    });

    it('starts the command at the first word that is not an option, as after the image', () => {
      const options = parseRunOptions('-d -p8080:80 sleep 60');
      assert.equal(options.detach, true);
      assert.deepEqual(
        options.ports.map((p) => p.hostPort),
        ['8080'],
      );
      assert.deepEqual(options.command, ['sleep', '60']);
    });

    it('reads an empty line as no options at all', () => {
      const options = parseRunOptions('   ');
      assert.equal(options.command, undefined);
      assert.deepEqual(options.env, []);
    });

    const restart: [string, string][] = [
      ['--restart no', 'no'],
      ['--restart always', 'always'],
      ['--restart=unless-stopped', 'unless-stopped'],
      ['--restart on-failure', 'on-failure'],
      ['--restart on-failure:3', 'on-failure:3'],
    ];
    for (const [text, policy] of restart) {
      it(`reads ${text}`, () => assert.equal(parseRunOptions(text).restart, policy));
    }

    const bad: [string, RegExp][] = [
      ['--name', /--name needs a value, e.g. --name web/],
      ['--name a', /"a" is not a valid container name/],
      ['--name "we b"', /not a valid container name/],
      ['-e A', /"A" has no value: write KEY=VALUE/],
      ['-e =1', /no name before "="/],
      ['-e "A B=1"', /contains spaces or control characters/],
      ['--restart sometimes', /use no, always, unless-stopped or on-failure/],
      ['--restart always:3', /only on-failure takes a retry count/],
      ['--restart on-failure:x', /retry count "x" must be a whole number/],
      ['--rm --restart always', /--rm and --restart always conflict.*Drop one/],
      ['--privileged', /--privileged is not an option this form knows/],
      ['-x', /-x \(in -x\) is not an option this form knows/],
      ['--link db:a:b', /write container\[:alias\]/],
      ['--link "d b"', /not a valid container name/],
      ['--volumes-from x:rx', /optionally followed by :ro or :rw/],
      ['-p 99999', /out of range/],
      ['-v rel/dir:/x', /relative path/],
      ['sh -c "unclosed', /quote is not closed/],
    ];
    for (const [text, message] of bad) {
      it(`refuses ${text} saying ${message.source}`, () => {
        assert.throws(
          () => parseRunOptions(text),
          (err: unknown) => err instanceof RunSpecError && message.test(err.message),
        );
        assert.match(runOptionsProblem(text) ?? '', message);
      });
    }
    it('has no problem with a good line', () => assert.equal(runOptionsProblem('--rm --restart no -it'), undefined));
  });

  describe('RunSpec-like arguments', () => {
    it('accepts strings for ports and volumes and a command as one line', () => {
      const spec = runSpecFrom({ image: 'busybox', ports: ['8080:80'], volumes: ['data:/data'], command: 'sh -c "echo hi"' });
      assert.equal(spec.ports[0].hostPort, '8080');
      assert.equal(spec.volumes[0].kind, 'volume');
      assert.deepEqual(spec.command, ['sh', '-c', 'echo hi']);
    });
    it('refuses one without an image', () => assert.throws(() => runSpecFrom({ name: 'web' }), /need an image/));
    it('refuses --rm with a restart policy', () => assert.throws(() => runSpecFrom({ image: 'x', autoRemove: true, restart: 'always' }), /conflict/));
  });

  const full: RunSpec = {
    image: 'dx-test/busybox:latest',
    name: 'web',
    command: ['sh', '-c', 'echo "hi there"; sleep 60'],
    env: ['A=1', 'EMPTY=', 'SPACED=a b'],
    labels: ['team=web'],
    ports: [
      // In port order: the engine keeps bindings in a map, so inspect cannot tell the typed order.
      { hostIp: undefined, hostPort: '5353', containerPort: '53', protocol: 'udp' },
      { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' },
      { hostIp: undefined, hostPort: undefined, containerPort: '443', protocol: 'tcp' },
    ],
    volumes: [
      { kind: 'volume', source: 'data', target: '/data', mode: 'ro' },
      { kind: 'bind', source: '/srv/www', target: '/www', mode: undefined },
      { kind: 'anonymous', target: '/cache' },
    ],
    volumesFrom: ['store:ro'],
    links: ['db:database'],
    interactive: true,
    tty: true,
    detach: true,
    autoRemove: false,
    init: true,
    restart: 'on-failure:3',
    network: 'backend',
    networkAliases: ['api', 'api.internal'],
    ip: '10.231.9.5',
    hostname: 'web.internal',
  };

  describe('create options', () => {
    it('builds what the docker CLI sends for the same flags', () => {
      const options = toCreateOptions(full);
      assert.equal(options.name, 'web');
      assert.deepEqual(options.ExposedPorts, { '53/udp': {}, '80/tcp': {}, '443/tcp': {} });
      assert.deepEqual(options.HostConfig?.PortBindings, {
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
        '443/tcp': [{ HostIp: '', HostPort: '' }],
        '53/udp': [{ HostIp: '', HostPort: '5353' }],
      });
      assert.deepEqual(options.HostConfig?.Binds, ['data:/data:ro', '/srv/www:/www']);
      assert.deepEqual(options.Volumes, { '/cache': {} });
      assert.deepEqual(options.HostConfig?.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 3 });
      assert.deepEqual(options.HostConfig?.Links, ['db:database']);
      assert.deepEqual(options.HostConfig?.VolumesFrom, ['store:ro']);
      assert.deepEqual(options.Labels, { team: 'web' });
      assert.equal(options.Tty, true);
      assert.equal(options.OpenStdin, true);
      // -d: nothing attached, as `docker run -dit` sends.
      assert.equal(options.AttachStdin, false);
      assert.equal(options.StdinOnce, false);
    });

    it('attaches stdin once for -it without -d, like docker run', () => {
      const options = toCreateOptions({ ...full, detach: false });
      assert.equal(options.AttachStdin, true);
      assert.equal(options.StdinOnce, true);
      assert.equal(options.AttachStdout, true);
    });

    it('maps equal port ranges one to one', () => {
      const options = toCreateOptions({ ...full, ports: [parsePort('8000-8001:80-81')] });
      assert.deepEqual(options.HostConfig?.PortBindings, {
        '80/tcp': [{ HostIp: '', HostPort: '8000' }],
        '81/tcp': [{ HostIp: '', HostPort: '8001' }],
      });
    });
  });

  describe('docker run line', () => {
    it('writes a line a shell reads back as the same words', () => {
      const line = toDockerRunLine(full);
      assert.equal(
        line,
        "docker run -dit --name web --init --restart on-failure:3 --hostname web.internal --network backend --network-alias api --network-alias api.internal --ip 10.231.9.5 -p 5353:53/udp -p 127.0.0.1:8080:80 -p 443 -e A=1 -e EMPTY= -e 'SPACED=a b' " +
          '-v data:/data:ro -v /srv/www:/www -v /cache --volumes-from store:ro --link db:database --label team=web dx-test/busybox:latest ' +
          `sh -c 'echo "hi there"; sleep 60'`,
      );
      // After `docker run` the shell words are our options; the image then starts the "command".
      const { command, ...reparsed } = parseRunOptions(line.replace(/^docker run /, ''));
      assert.deepEqual(command, [full.image, ...full.command!]);
      const { image: _image, command: _command, ...options } = full;
      assert.deepEqual(reparsed, options);
    });

    it('says docker create without -d for Create', () => {
      assert.match(toDockerRunLine({ ...full, detach: true }, { create: true }), /^docker create -it --name web /);
    });
  });

  describe('back from inspect', () => {
    /** What the engine answers for a container made with these create options. */
    function inspectOf(options: Docker.ContainerCreateOptions, image?: { Cmd?: string[]; Env?: string[] }) {
      const host = options.HostConfig ?? {};
      const endpoints = (options.NetworkingConfig?.EndpointsConfig ?? {}) as Record<string, { Aliases?: string[]; IPAMConfig?: { IPv4Address?: string } }>;
      const shortId = 'abcdef012345';
      return {
        Id: `${shortId}${'0'.repeat(52)}`,
        Name: `/${options.name}`,
        // The engine adds the short id (and a --hostname) to a user network's aliases and names the host after the id by default.
        NetworkSettings: {
          Networks: Object.fromEntries(Object.entries(endpoints).map(([n, e]) => [n, { Aliases: [...(e.Aliases ?? []), shortId], IPAMConfig: e.IPAMConfig ?? null }])),
        },
        Config: {
          Hostname: options.Hostname ?? shortId,
          Image: options.Image,
          Cmd: options.Cmd ?? image?.Cmd,
          Env: [...(options.Env ?? []), ...(image?.Env ?? [])],
          Labels: options.Labels,
          Tty: options.Tty,
          OpenStdin: options.OpenStdin,
          AttachStdin: options.AttachStdin,
          AttachStdout: options.AttachStdout,
          Volumes: { ...options.Volumes, ...Object.fromEntries((host.Binds ?? []).map((b) => [b.split(':')[1], {}])) },
        },
        HostConfig: {
          PortBindings: host.PortBindings,
          Binds: host.Binds,
          VolumesFrom: host.VolumesFrom,
          // The engine keeps links as /source:/container/alias.
          Links: (host.Links ?? []).map((l: string) => `/${l.split(':')[0]}:/${options.name}/${l.split(':')[1] ?? l}`),
          RestartPolicy: host.RestartPolicy,
          AutoRemove: host.AutoRemove,
          Init: host.Init,
          NetworkMode: host.NetworkMode ?? 'default',
        },
      };
    }

    it('rebuilds the spec a container was created with', () => {
      assert.deepEqual(specFromInspect(inspectOf(toCreateOptions(full))), full);
    });

    it('round-trips a small spec with defaults left out', () => {
      const small = runSpecFrom({ image: 'busybox', name: 'tiny', detach: true });
      assert.deepEqual(specFromInspect(inspectOf(toCreateOptions(small))), small);
    });

    it('leaves out the command and environment the image already sets', () => {
      const image = { Cmd: ['/bin/sh'], Env: ['PATH=/usr/bin'] };
      const spec = specFromInspect(inspectOf(toCreateOptions({ ...full, command: undefined }), image), { Config: image });
      assert.equal(spec.command, undefined);
      assert.deepEqual(spec.env, full.env);
      assert.doesNotMatch(toDockerRunLine(spec), /PATH=|\/bin\/sh/);
    });

    it('keeps a command that differs from the image one', () => {
      const image = { Cmd: ['/bin/sh'] };
      const spec = specFromInspect(inspectOf(toCreateOptions(full), image), { Config: image });
      assert.deepEqual(spec.command, full.command);
    });

    it('reads an on-failure policy without a count and a "no" policy', () => {
      const base = inspectOf(toCreateOptions(full));
      assert.equal(specFromInspect({ ...base, HostConfig: { ...base.HostConfig, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 0 } } }).restart, 'on-failure');
      assert.equal(specFromInspect({ ...base, HostConfig: { ...base.HostConfig, RestartPolicy: { Name: 'no' } } }).restart, undefined);
    });
  });
});
