import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConnectionConfigError, parseHost } from '../../src/docker/connection';
import { containerNameProblem } from '../../src/docker/containerName';
import { formatImageRef, ImageRefError, parseImageRef } from '../../src/docker/imageRef';
import { parseRunOptions, runSpecFrom } from '../../src/docker/runOptions';
import { parseKeyValue, parseLink, parsePort, parseRestart, parseVolume, RunSpecError, validateContainerName } from '../../src/docker/runSpec';
import { volumeNameProblem } from '../../src/docker/volumeName';
import { commandLineProblem } from '../../src/terminal/commandWords';
import { DetachKeysError, parseDetachKeys } from '../../src/terminal/detachKeys';

/** A field people type into, and how its parser says no: an error of its own class, or a problem code. */
interface Field {
  name: string;
  /** Returns the message (or problem code) for a refused value; throws the assertion when accepted. */
  refuse(value: string): string;
}

function throwing(name: string, errorClass: new (message: string) => Error, parse: (value: string) => unknown): Field {
  return {
    name,
    refuse(value) {
      try {
        parse(value);
      } catch (err) {
        assert.ok(err instanceof errorClass, `${name}: ${JSON.stringify(value)} threw ${(err as Error)?.name}, not ${errorClass.name}: ${(err as Error)?.message}`);
        return (err as Error).message;
      }
      return assert.fail(`${name} accepted ${JSON.stringify(value)}`);
    },
  };
}

function coded(name: string, problem: (value: string) => string | undefined): Field {
  return {
    name,
    refuse(value) {
      const code = problem(value);
      assert.ok(code, `${name} accepted ${JSON.stringify(value)}`);
      return code;
    },
  };
}

const fields = {
  containerName: throwing('container name (--name, rename)', RunSpecError, (v) => validateContainerName(v)),
  containerNameCode: coded('container name (rename input)', containerNameProblem),
  volumeName: coded('volume name (create)', volumeNameProblem),
  image: throwing('image reference (pull, run, tag)', ImageRefError, parseImageRef),
  env: throwing('environment entry (-e)', RunSpecError, (v) => parseKeyValue(v, '-e')),
  port: throwing('port (-p)', RunSpecError, parsePort),
  volume: throwing('volume (-v)', RunSpecError, parseVolume),
  link: throwing('link (--link)', RunSpecError, parseLink),
  restart: throwing('restart policy (--restart)', RunSpecError, parseRestart),
  command: coded('command (exec)', commandLineProblem),
  host: throwing('host setting (dockerExplorer.host)', ConnectionConfigError, (v) => parseHost(v)),
  detachKeys: throwing('detach keys', DetachKeysError, parseDetachKeys),
};

const long = (n: number, c = 'a') => c.repeat(n);
const password = 's3cret-pw';

/** [field, what is wrong, value, what the message must say]. */
const table: [Field, string, string, RegExp][] = [
  [fields.containerName, 'empty', '', /not a valid container name/],
  [fields.containerName, 'whitespace', '   ', /not a valid container name/],
  [fields.containerName, 'too short', 'a', /at least 2 characters/],
  [fields.containerName, 'wrong characters', 'web/app', /letters, digits, _, \. or -/],
  [fields.containerName, 'wrong shape', '-web', /starting with a letter or digit/],
  [fields.containerName, 'control characters', 'we\x07b', /"we\\x07b" is not a valid container name/],
  [fields.containerName, 'a URL with a password', `http://u:${password}@host`, /not a valid container name/],
  [fields.containerNameCode, 'empty', '', /^empty$/],
  [fields.containerNameCode, 'whitespace', ' web', /^badFirst$/],
  [fields.containerNameCode, 'wrong characters', 'web app', /^badCharacters$/],
  [fields.containerNameCode, 'control characters', 'web\n', /^badCharacters$/],
  [fields.volumeName, 'whitespace', '  ', /^whitespace$/],
  [fields.volumeName, 'too long', long(256), /^tooLong$/],
  [fields.volumeName, 'too short', 'v', /^tooShort$/],
  [fields.volumeName, 'wrong characters', 'data/1', /^badCharacters$/],
  [fields.volumeName, 'wrong shape', '.data', /^badFirst$/],
  [fields.volumeName, 'control characters', 'da\x00ta', /^badCharacters$/],
  [fields.volumeName, 'a URL with a password', `https://u:${password}@host`, /^badCharacters$/],
  [fields.image, 'empty', '', /image name is empty/],
  [fields.image, 'whitespace', ' \t ', /image name is empty/],
  [fields.image, 'too long', `${long(300)}:1`, /longer than 255 characters/],
  [fields.image, 'too long tag', `app:${long(129)}`, /not a valid tag: use up to 128/],
  [fields.image, 'wrong characters', 'My App', /spaces or control characters/],
  [fields.image, 'uppercase', 'myapp/Web', /must be lowercase/],
  [fields.image, 'wrong shape', 'app:', /not a valid tag/],
  [fields.image, 'wrong shape (tag only)', ':1.0', /no repository name/],
  [fields.image, 'wrong shape (bad digest)', 'app@sha256:xyz', /not a valid digest/],
  [fields.image, 'out-of-range port in registry', 'host:99999999999x/app', /not a valid registry host/],
  [fields.image, 'control characters', 'ng\x1binx', /"ng\\x1binx" contains spaces or control characters/],
  [fields.image, 'a URL with a password', `https://user:${password}@registry.example.com/app`, /not a valid/],
  [fields.env, 'empty', '', /has no value: write KEY=VALUE/],
  [fields.env, 'whitespace', '  ', /has no value: write KEY=VALUE/],
  [fields.env, 'wrong shape', '=value', /has no name before "="/],
  [fields.env, 'wrong characters', 'MY KEY=1', /contains spaces or control characters/],
  [fields.env, 'control characters', 'K\x01EY=1', /contains spaces or control characters/],
  [fields.port, 'empty', '', /needs a port mapping/],
  [fields.port, 'whitespace', '   ', /needs a port mapping/],
  [fields.port, 'out of range', '8080:70000', /70000 is out of range; ports go from 1 to 65535/],
  [fields.port, 'zero', '0:80', /0 is out of range/],
  [fields.port, 'too long', `8080:${long(40, '9')}`, /out of range/],
  [fields.port, 'wrong characters', '80a:80', /is not a port number/],
  [fields.port, 'wrong shape', '1:2:3:4', /too many ":"/],
  [fields.port, 'wrong protocol', '80/http', /is not a protocol/],
  [fields.port, 'wrong range', '90-80:90-80', /ends before it starts/],
  [fields.port, 'bad address', '300.1.1.1:80:80', /not an IPv4 address/],
  [fields.port, 'control characters', '80\x00:80', /"80\\x00" is not a port number/],
  [fields.volume, 'empty', '', /-v needs a mount/],
  [fields.volume, 'whitespace', ' ', /-v needs a mount/],
  [fields.volume, 'wrong shape', 'a:b:c:d', /too many ":"/],
  [fields.volume, 'relative target', 'data:data', /must be absolute/],
  [fields.volume, 'relative source', './dir:/data', /relative path/],
  [fields.volume, 'bad mode', 'data:/data:rx', /not a mount mode/],
  [fields.volume, 'mount on /', 'data:/', /cannot be mounted on \//],
  [fields.volume, 'wrong characters', 'da$ta:/data', /not a valid volume name/],
  [fields.volume, 'control characters', 'da\x07ta:/data', /"da\\x07ta" is not a valid volume name/],
  [fields.link, 'empty', '', /not a valid container name/],
  [fields.link, 'wrong shape', 'a:b:c', /write container\[:alias\]/],
  [fields.link, 'wrong characters', 'db:al ias', /alias "al ias" is not a valid host name/],
  [fields.link, 'control characters', 'd\x01b', /--link "d\\x01b" is not a valid container name/],
  [fields.restart, 'empty', '', /use no, always, unless-stopped or on-failure/],
  [fields.restart, 'whitespace', ' always', /use no, always/],
  [fields.restart, 'wrong shape', 'always:3', /only on-failure takes a retry count/],
  [fields.restart, 'wrong characters', 'on-failure:x', /must be a whole number/],
  [fields.restart, 'control characters', 'no\x00', /use no, always/],
  [fields.command, 'empty', '', /^empty$/],
  [fields.command, 'whitespace', ' \t ', /^empty$/],
  [fields.command, 'control characters', 'ls\nrm -rf /', /^controlCharacters$/],
  [fields.command, 'wrong shape', 'echo "hi', /^unclosedQuote$/],
  [fields.host, 'empty', '', /host is empty/],
  [fields.host, 'whitespace', '   ', /host is empty/],
  [fields.host, 'wrong characters', 'tcp://ho st:2375', /contains whitespace/],
  [fields.host, 'wrong shape', 'http://host:2375', /unsupported scheme "http:\/\/"/],
  [fields.host, 'two schemes', 'tcp://tcp://host', /more than one scheme/],
  [fields.host, 'out-of-range port', 'tcp://host:70000', /invalid port "70000"; use a number from 1 to 65535/],
  [fields.host, 'too long port', `tcp://host:${long(30, '9')}`, /invalid port/],
  [fields.host, 'control characters', 'unix:///var/run/docker.sock\x00', /contains control characters/],
  [fields.host, 'a URL with a password', `ssh://admin:${password}@host`, /contains a password/],
  [fields.host, 'a tcp URL with a password', `tcp://admin:${password}@host:2376`, /contains a password/],
  [fields.detachKeys, 'empty', '', /empty/],
  [fields.detachKeys, 'whitespace', '  ', /empty/],
  [fields.detachKeys, 'wrong shape', 'ctrl-p,,ctrl-q', /"" is not a key/],
  [fields.detachKeys, 'wrong characters', 'ctrl-1', /"ctrl-1" is not a key/],
  [fields.detachKeys, 'too long key', 'ctrl-pq', /"ctrl-pq" is not a key/],
  [fields.detachKeys, 'control characters', 'ctrl-\x01x', /"ctrl-\\x01x" is not a key/],
];

describe('bad input is refused with a message that names the problem', () => {
  for (const [field, problem, value, expected] of table) {
    it(`${field.name}: ${problem} (${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…` : value)})`, () => {
      const message = field.refuse(value);
      assert.match(message, expected);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(message, /[\x00-\x1f\x7f]/, 'a message never carries control characters to the screen');
      assert.ok(!message.includes(password), `the message repeats the password: ${message}`);
    });
  }

  it('refuses the same bad values in the programmatic run arguments (keybindings, other extensions)', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ image: '' }, /need an image/],
      [{ image: 'app', name: 'bad name' }, /not a valid container name/],
      [{ image: 'app', env: ['=x'] }, /has no name before "="/],
      [{ image: 'app', ports: ['80:99999'] }, /out of range/],
      [{ image: 'app', ports: [{ containerPort: '0', protocol: 'tcp' }] }, /out of range/],
      [{ image: 'app', volumes: ['rel/path:/x'] }, /relative path/],
      [{ image: 'app', volumes: [{ kind: 'bind', source: '/h', target: 'x' }] }, /must be absolute/],
      [{ image: 'app', links: ['a:b:c'] }, /container\[:alias\]/],
      [{ image: 'app', restart: 'sometimes' }, /use no, always/],
      [{ image: 'app', env: 'A=1' }, /"env" must be a list/],
      [{ image: 'app', autoRemove: true, restart: 'always' }, /--rm and --restart always conflict/],
      [{ image: 'app', command: 'echo "unclosed' }, /quote is not closed/],
    ];
    for (const [args, expected] of cases) {
      assert.throws(
        () => runSpecFrom(args),
        (err: Error) => err instanceof RunSpecError && expected.test(err.message),
        JSON.stringify(args),
      );
    }
  });
});

/** Strings that stress parsers: any unicode, the characters they split on, control characters. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...':/@.-_ \t\n\x00[]"\'\\=,azAZ09%#?'.split('')), maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Runs `parse` and returns true when it accepted or refused with its own error class; anything else fails. */
function onlyOwnErrors(errorClass: new (message: string) => Error, parse: (value: string) => unknown) {
  return (value: string) => {
    try {
      parse(value);
    } catch (err) {
      if (!(err instanceof errorClass)) {
        throw new Error(`${JSON.stringify(value)} threw ${(err as Error)?.name}: ${(err as Error)?.message}`, { cause: err });
      }
      assert.ok((err as Error).message.length > 0);
    }
  };
}

describe('parsers never throw anything but their own error on random input (fast-check)', () => {
  const runs = { numRuns: 2000 };

  it('parseImageRef throws only ImageRefError, and what it accepts reads back the same', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        onlyOwnErrors(ImageRefError, parseImageRef)(value);
        let ref;
        try {
          ref = parseImageRef(value);
        } catch {
          return;
        }
        assert.deepEqual(parseImageRef(formatImageRef(ref)), { ...ref, tag: ref.tag ?? (ref.digest ? undefined : 'latest') });
      }),
      runs,
    );
  });

  it('parseHost throws only ConnectionConfigError and never repeats a password', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom('', 'tcp://', 'ssh://', 'unix://', 'npipe://', 'ssh://u:pw-XYZ@'), (value, prefix) => {
        try {
          parseHost(prefix + value);
        } catch (err) {
          assert.ok(err instanceof ConnectionConfigError, `${JSON.stringify(prefix + value)} threw ${(err as Error).name}`);
          if (prefix.includes('pw-XYZ')) {
            assert.ok(!(err as Error).message.includes('pw-XYZ'), (err as Error).message);
          }
        }
      }),
      runs,
    );
  });

  it('parseRunOptions throws only RunSpecError, also on option-shaped input', () => {
    const optionLine = fc
      .array(fc.oneof(fc.constantFrom('-p', '-e', '-v', '--name', '--link', '--restart', '--rm', '-it', '--', '-l', '--volumes-from', '--init'), hostile), {
        maxLength: 8,
      })
      .map((words) => words.join(' '));
    fc.assert(fc.property(fc.oneof(hostile, optionLine), onlyOwnErrors(RunSpecError, parseRunOptions)), runs);
  });

  it('parseDetachKeys throws only DetachKeysError', () => {
    const keys = fc.array(fc.oneof(fc.constantFrom('ctrl-p', 'ctrl-q', 'ctrl-@', 'ctrl-', 'x', ''), hostile), { maxLength: 4 }).map((k) => k.join(','));
    fc.assert(fc.property(fc.oneof(hostile, keys), onlyOwnErrors(DetachKeysError, parseDetachKeys)), runs);
  });

  it("the container and volume name checks never throw and agree with Docker's pattern", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const container = containerNameProblem(value);
        const volume = volumeNameProblem(value);
        const dockerPattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(value);
        assert.equal(container === undefined, dockerPattern, `container ${JSON.stringify(value)}: ${container}`);
        assert.equal(volume === undefined, value === '' || (dockerPattern && value.length <= 255), `volume ${JSON.stringify(value)}: ${volume}`);
      }),
      runs,
    );
  });

  it('the exec command check never throws', () => {
    fc.assert(
      fc.property(hostile, (value) => void commandLineProblem(value)),
      runs,
    );
  });
});
