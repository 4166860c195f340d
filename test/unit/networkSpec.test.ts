import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  KnownSubnets,
  networkCreateSpecFrom,
  networkCreateWords,
  NetworkSpecError,
  parseAddressIn,
  parseAlias,
  parseDriver,
  parseHostname,
  parseNetworkRef,
  parseSubnet,
  subnetsOverlap,
  validateNetworkName,
} from '../../src/docker/networkSpec';
import { networkAttachments, toNetworkModel } from '../../src/docker/networks';
import { parseRunOptions, runSpecFrom } from '../../src/docker/runOptions';
import { RunSpecError } from '../../src/docker/runSpec';
import { toCreateOptions } from '../../src/docker/runSpecBuild';

const long = (n: number, c = 'a') => c.repeat(n);
const subnet = parseSubnet('10.231.5.0/24');
const known: KnownSubnets = [{ network: 'backend', subnet: parseSubnet('10.231.7.0/24') }];

function refused(parse: () => unknown, errorClass: new (m: string) => Error = NetworkSpecError): string {
  try {
    parse();
  } catch (err) {
    assert.ok(err instanceof errorClass, `threw ${(err as Error).name}: ${(err as Error).message}`);
    return (err as Error).message;
  }
  return assert.fail('accepted');
}

/** [field, what is wrong, value, parse, what the message must say]. */
const table: [string, string, string, (v: string) => unknown, RegExp][] = [
  ['network name', 'empty', '', validateNetworkName, /name is empty/],
  ['network name', 'blank', '   ', validateNetworkName, /name is empty/],
  ['network name', 'too long', long(129), validateNetworkName, /129 characters long; at most 128/],
  ['network name', 'spaces', 'my net', validateNetworkName, /contains spaces or control characters/],
  ['network name', 'control characters', 'ne\x07t', validateNetworkName, /"ne\\x07t" contains spaces or control characters/],
  ['network name', 'trailing control character', 'net\n', validateNetworkName, /contains spaces or control characters/],
  ['network name', 'bad characters', 'net/1', validateNetworkName, /letters, digits, _, \. or -/],
  ['network name', 'bad first character', '-net', validateNetworkName, /starting with a letter or a digit/],
  ['network name', 'a URL with a password', 'http://u:pw@host', validateNetworkName, /not a network name/],
  ['subnet', 'empty', '', (v) => parseSubnet(v), /--subnet is empty/],
  ['subnet', 'blank', '  ', (v) => parseSubnet(v), /--subnet is empty/],
  ['subnet', 'not CIDR (no prefix)', '10.231.5.0', (v) => parseSubnet(v), /not an IPv4 subnet in CIDR form/],
  ['subnet', 'not CIDR (words)', 'backend', (v) => parseSubnet(v), /not an IPv4 subnet/],
  ['subnet', 'part out of range', '10.300.0.0/16', (v) => parseSubnet(v), /not an IPv4 subnet/],
  ['subnet', 'prefix out of range', '10.0.0.0/33', (v) => parseSubnet(v), /prefix \/33 is out of range/],
  ['subnet', 'host bits set', '10.231.5.7/24', (v) => parseSubnet(v), /did you mean 10\.231\.5\.0\/24/],
  ['subnet', 'too long', `10.0.0.0/${long(40, '2')}`, (v) => parseSubnet(v), /not an IPv4 subnet/],
  ['subnet', 'control characters', '10.0.0.0/\x0024', (v) => parseSubnet(v), /not an IPv4 subnet/],
  ['gateway', 'outside the subnet', '10.231.6.1', (v) => parseAddressIn(v, subnet, '--gateway'), /outside the subnet 10\.231\.5\.0\/24/],
  ['gateway', 'the network address', '10.231.5.0', (v) => parseAddressIn(v, subnet, '--gateway'), /network address/],
  ['gateway', 'the broadcast address', '10.231.5.255', (v) => parseAddressIn(v, subnet, '--gateway'), /broadcast address/],
  ['gateway', 'not an address', '10.231.5', (v) => parseAddressIn(v, subnet, '--gateway'), /not an IPv4 address/],
  ['ip', 'empty', '', (v) => parseAddressIn(v, subnet, '--ip'), /--ip is empty/],
  ['ip', 'outside the subnet', '192.168.1.5', (v) => parseAddressIn(v, subnet, '--ip'), /outside the subnet/],
  ['ip', 'leading zeros', '10.231.5.07', (v) => parseAddressIn(v, subnet, '--ip'), /not an IPv4 address/],
  ['ip', 'control characters', '10.231.5.5\n', (v) => parseAddressIn(v, subnet, '--ip'), /not an IPv4 address \(it holds control characters\)/],
  ['alias', 'empty', '', (v) => parseAlias(v), /--network-alias is empty/],
  ['alias', 'blank', '   ', (v) => parseAlias(v), /--network-alias is empty/],
  ['alias', 'with spaces', 'my db', (v) => parseAlias(v), /contains spaces or control characters/],
  ['alias', 'too long', long(254), (v) => parseAlias(v), /at most 253/],
  ['alias', 'bad characters', 'db!', (v) => parseAlias(v), /not a host name/],
  ['alias', 'control characters', 'd\x01b', (v) => parseAlias(v), /contains spaces or control characters/],
  ['hostname', 'empty', '', parseHostname, /--hostname is empty/],
  ['hostname', 'too long', long(64), parseHostname, /at most 63/],
  ['hostname', 'underscore', 'my_host', parseHostname, /not a host name/],
  ['hostname', 'empty label', 'web..internal', parseHostname, /not a host name/],
  ['hostname', 'spaces', 'web host', parseHostname, /not a host name/],
  ['hostname', 'control characters', 'web\n', parseHostname, /holds control characters/],
  ['--network', 'empty', '', parseNetworkRef, /--network is empty/],
  ['--network', 'another container', 'container:web', parseNetworkRef, /not offered here/],
  ['--network', 'spaces', 'my net', parseNetworkRef, /contains spaces/],
  ['driver', 'empty', '', parseDriver, /not a network driver name/],
  ['driver', 'host', 'host', parseDriver, /cannot be made/],
  ['driver', 'spaces', 'my driver', parseDriver, /not a network driver name/],
];

describe('network input: bad values are refused with a message that names the problem', () => {
  for (const [field, what, value, parse, message] of table) {
    it(`${field}: ${what}`, () =>
      assert.match(
        refused(() => parse(value)),
        message,
      ));
  }

  it('accepts the values people write', () => {
    assert.equal(validateNetworkName('app_net-1.x'), 'app_net-1.x');
    assert.equal(parseSubnet('10.231.5.0/24').cidr, '10.231.5.0/24');
    assert.equal(parseAddressIn('10.231.5.1', subnet, '--gateway'), '10.231.5.1');
    assert.equal(parseAlias('cache.local'), 'cache.local');
    assert.equal(parseHostname('web-1.internal'), 'web-1.internal');
    assert.equal(parseNetworkRef('bridge'), 'bridge');
  });

  it('tells overlapping subnets from neighbours', () => {
    assert.ok(subnetsOverlap(parseSubnet('10.231.0.0/16'), parseSubnet('10.231.5.0/24')));
    assert.ok(subnetsOverlap(parseSubnet('10.231.5.0/24'), parseSubnet('10.231.5.0/24')));
    assert.ok(!subnetsOverlap(parseSubnet('10.231.5.0/24'), parseSubnet('10.231.6.0/24')));
  });

  it('refuses a Create Network argument that the engine would refuse, before any request', () => {
    assert.match(
      refused(() => networkCreateSpecFrom({}, known)),
      /needs a name/,
    );
    assert.match(
      refused(() => networkCreateSpecFrom({ name: 'x y' }, known)),
      /contains spaces/,
    );
    assert.match(
      refused(() => networkCreateSpecFrom({ name: 'n1', subnet: '10.231.7.128/25' }, known)),
      /overlaps 10\.231\.7\.0\/24 of the network backend/,
    );
    assert.match(
      refused(() => networkCreateSpecFrom({ name: 'n1', gateway: '10.0.0.1' }, known)),
      /needs a --subnet/,
    );
    assert.match(
      refused(() => networkCreateSpecFrom({ name: 'n1', subnet: '10.231.8.0/24', gateway: '10.231.9.1' }, known)),
      /outside the subnet/,
    );
    assert.match(
      refused(() => networkCreateSpecFrom({ name: 'n1', labels: ['no equals'] }, known)),
      /KEY=VALUE/,
    );
    assert.match(
      refused(() => networkCreateSpecFrom({ name: 'n1', labels: 'a=b' }, known)),
      /must be a list/,
    );
  });

  it('writes the docker network create line for a full argument', () => {
    const spec = networkCreateSpecFrom(
      { name: 'backend2', driver: 'bridge', subnet: '10.231.8.0/24', gateway: '10.231.8.1', internal: true, attachable: true, labels: ['team=web'] },
      known,
    );
    assert.deepEqual(networkCreateWords(spec), [
      'docker',
      'network',
      'create',
      '--subnet',
      '10.231.8.0/24',
      '--gateway',
      '10.231.8.1',
      '--internal',
      '--attachable',
      '--label',
      'team=web',
      'backend2',
    ]);
  });

  it('the parsers throw only their own error on random input (fast-check)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const parse of [
          validateNetworkName,
          (v: string) => parseSubnet(v),
          (v: string) => parseAlias(v),
          parseHostname,
          (v: string) => parseAddressIn(v, subnet, '--ip'),
        ]) {
          try {
            parse(text);
          } catch (err) {
            assert.ok(err instanceof NetworkSpecError, (err as Error).message);
          }
        }
      }),
    );
  });
});

describe('run options for networks', () => {
  it('reads --network, --network-alias, --ip and --hostname and builds what the docker CLI sends', () => {
    const options = parseRunOptions('--network backend --network-alias db --network-alias=cache --ip 10.231.7.9 -h db1 -- sleep 60');
    assert.equal(options.network, 'backend');
    assert.deepEqual(options.networkAliases, ['db', 'cache']);
    assert.equal(options.ip, '10.231.7.9');
    assert.equal(options.hostname, 'db1');
    const create = toCreateOptions({ image: 'busybox', ...options });
    assert.equal(create.HostConfig?.NetworkMode, 'backend');
    assert.equal(create.Hostname, 'db1');
    assert.deepEqual(create.NetworkingConfig, { EndpointsConfig: { backend: { Aliases: ['db', 'cache'], IPAMConfig: { IPv4Address: '10.231.7.9' } } } });
  });

  const bad: [string, RegExp][] = [
    ['--network', /--network needs a value/],
    ['--network "my net"', /contains spaces/],
    ['--network a --network b', /given twice/],
    ['--network-alias db', /needs --network with a user-defined network/],
    ['--network bridge --network-alias db', /not bridge/],
    ['--network backend --network-alias "d b"', /contains spaces/],
    ['--ip 10.0.0.5', /--ip needs --network/],
    ['--network backend --ip 10.0.0', /not an IPv4 address/],
    ['--hostname my_host', /not a host name/],
    ['--network host -p 8080:80', /-p does nothing with --network host/],
  ];
  for (const [line, message] of bad) {
    it(`refuses ${line}`, () =>
      assert.match(
        refused(() => parseRunOptions(line), RunSpecError),
        message,
      ));
  }

  it('refuses the same in the programmatic run arguments', () => {
    assert.match(
      refused(() => runSpecFrom({ image: 'x', network: 'a b' }), RunSpecError),
      /contains spaces/,
    );
    assert.match(
      refused(() => runSpecFrom({ image: 'x', networkAliases: ['db'] }), RunSpecError),
      /needs --network/,
    );
    assert.match(
      refused(() => runSpecFrom({ image: 'x', network: 'n1', ip: '999.1.1.1' }), RunSpecError),
      /not an IPv4 address/,
    );
    assert.match(
      refused(() => runSpecFrom({ image: 'x', hostname: '-web' }), RunSpecError),
      /not a host name/,
    );
  });
});

describe('network models from the engine', () => {
  it('keeps a network inspect answer with its live endpoints, built-in networks marked', () => {
    const model = toNetworkModel({
      Name: 'bridge',
      Id: 'n1',
      Created: '2026-12-01T12:00:00Z',
      Scope: 'local',
      Driver: 'bridge',
      EnableIPv6: false,
      Internal: false,
      Attachable: false,
      Ingress: false,
      ConfigOnly: false,
      IPAM: { Driver: 'default', Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
      Containers: { c1: { Name: 'web', EndpointID: 'e', MacAddress: 'm', IPv4Address: '172.17.0.2/16', IPv6Address: '' } },
    });
    assert.equal(model.builtIn, true);
    assert.deepEqual(model.pools, [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1', ipRange: undefined }]);
    assert.deepEqual(model.endpoints, [{ containerId: 'c1', name: 'web', ipv4: '172.17.0.2', ipv6: undefined, mac: 'm' }]);
  });

  it("reads a container's addresses and aliases, without the short id the engine adds", () => {
    const id = `abcdef012345${'0'.repeat(52)}`;
    assert.deepEqual(
      networkAttachments({ Id: id, NetworkSettings: { Networks: { backend: { IPAddress: '10.231.7.2', GlobalIPv6Address: '', Aliases: ['db', 'abcdef012345'] } } } }),
      [{ network: 'backend', ipv4: '10.231.7.2', ipv6: undefined, aliases: ['db'] }],
    );
  });
});
