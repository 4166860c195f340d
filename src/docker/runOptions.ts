// A whole line of `docker run` options, read the way the CLI reads it.
import {
  emptyRunOptions,
  fail,
  formatPort,
  formatVolume,
  PortSpec,
  VolumeSpec,
  parseKeyValue,
  parseLink,
  parsePort,
  parseRestart,
  parseRunHostname,
  parseRunIp,
  parseRunNetwork,
  parseRunNetworkAlias,
  parseVolume,
  parseVolumesFrom,
  RunOptions,
  RunSpec,
  RunSpecError,
  validateContainerName,
  validateRunOptions,
} from './runSpec';
import { splitShellWords, UnclosedQuoteError } from './shell';
import * as l10n from '@vscode/l10n';

/** Splits like a POSIX shell (no expansion); an unclosed quote is a RunSpecError that says which. */
export function splitRunWords(text: string): string[] {
  try {
    return splitShellWords(text);
  } catch (e) {
    if (e instanceof UnclosedQuoteError) {
      fail(e.message);
    }
    throw e;
  }
}

type ValueOption = 'name' | 'env' | 'label' | 'publish' | 'volume' | 'volumes-from' | 'link' | 'restart' | 'network' | 'network-alias' | 'ip' | 'hostname';
type FlagOption = 'interactive' | 'tty' | 'detach' | 'rm' | 'init';

const longValueOptions = new Set<ValueOption>([
  'name',
  'env',
  'label',
  'publish',
  'volume',
  'volumes-from',
  'link',
  'restart',
  'network',
  'network-alias',
  'ip',
  'hostname',
]);
const longFlagOptions = new Set<FlagOption>(['interactive', 'tty', 'detach', 'rm', 'init']);
const shortValue: Record<string, ValueOption> = { e: 'env', l: 'label', p: 'publish', v: 'volume', h: 'hostname' };
const shortFlag: Record<string, FlagOption> = { i: 'interactive', t: 'tty', d: 'detach' };
const supported = '--name, -p, -e, -v, -l, --network, --network-alias, --ip, --hostname, --link, --volumes-from, --restart, --rm, --init, -i, -t, -d';

/**
 * Reads a line of `docker run` options (everything between `docker run` and the image) plus an
 * optional command: after `--`, or from the first word that is not an option.
 */
export function parseRunOptions(text: string): RunOptions {
  const words = splitRunWords(text);
  const options = emptyRunOptions();
  const setValue = (option: ValueOption, value: string) => {
    switch (option) {
      case 'name':
        options.name = validateContainerName(value);
        break;
      case 'env':
        options.env.push(parseKeyValue(value, '-e'));
        break;
      case 'label':
        options.labels.push(parseKeyValue(value, '--label'));
        break;
      case 'publish':
        options.ports.push(parsePort(value));
        break;
      case 'volume':
        options.volumes.push(parseVolume(value));
        break;
      case 'volumes-from':
        options.volumesFrom.push(parseVolumesFrom(value));
        break;
      case 'link':
        options.links.push(parseLink(value));
        break;
      case 'restart':
        options.restart = parseRestart(value);
        break;
      case 'network':
        if (options.network !== undefined)
          fail(l10n.t('--network is given twice ({0}, {1}); this form connects to one network. Connect more afterwards.', options.network, value));
        options.network = parseRunNetwork(value);
        break;
      case 'network-alias':
        options.networkAliases.push(parseRunNetworkAlias(value));
        break;
      case 'ip':
        options.ip = parseRunIp(value);
        break;
      case 'hostname':
        options.hostname = parseRunHostname(value);
        break;
    }
  };
  const setFlag = (flag: FlagOption) => {
    if (flag === 'rm') options.autoRemove = true;
    else options[flag] = true;
  };
  const example: Record<ValueOption, string> = {
    name: '--name web',
    env: '-e MODE=production',
    label: '--label team=web',
    publish: '-p 8080:80',
    volume: '-v data:/data',
    'volumes-from': '--volumes-from data',
    link: '--link db:db',
    restart: '--restart unless-stopped',
    network: '--network backend',
    'network-alias': '--network-alias db',
    ip: '--ip 10.10.0.5',
    hostname: '--hostname web',
  };
  let i = 0;
  const valueFor = (option: ValueOption, typed: string): string => {
    if (i + 1 >= words.length) {
      fail(l10n.t('{0} needs a value, e.g. {1}.', typed, example[option]));
    }
    return words[++i];
  };
  for (; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      i++;
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = (eq < 0 ? word.slice(2) : word.slice(2, eq)) as ValueOption & FlagOption;
      if (longValueOptions.has(name)) {
        setValue(name, eq < 0 ? valueFor(name, word) : word.slice(eq + 1));
      } else if (longFlagOptions.has(name) && eq < 0) {
        setFlag(name);
      } else {
        fail(l10n.t('{0} is not an option this form knows. Supported: {1}. Put the command after -- (e.g. -- sh -c "echo hi").', word, supported));
      }
    } else if (word.startsWith('-') && word.length > 1) {
      // Short options combine like the CLI's: -it, -dit, -p8080:80, -eA=1.
      for (let j = 1; j < word.length; j++) {
        const letter = word[j];
        if (shortFlag[letter]) {
          setFlag(shortFlag[letter]);
        } else if (shortValue[letter]) {
          const attached = word.slice(j + 1).replace(/^=/, '');
          setValue(shortValue[letter], attached !== '' ? attached : valueFor(shortValue[letter], `-${letter}`));
          break;
        } else {
          fail(l10n.t('-{0} (in {1}) is not an option this form knows. Supported: {2}.', letter, word, supported));
        }
      }
    } else {
      break;
    }
  }
  const command = words.slice(i);
  if (command.length > 0) {
    options.command = command;
  }
  validateRunOptions(options);
  return options;
}

/** The problem with an options line, or undefined when it is fine (for an input box). */
export function runOptionsProblem(text: string): string | undefined {
  try {
    parseRunOptions(text);
    return undefined;
  } catch (err) {
    if (err instanceof RunSpecError) {
      return err.message;
    }
    throw err;
  }
}

/** A RunSpec-like object (from a keybinding or a test): strings where parsed values go, all checked. */
export function runSpecFrom(input: Record<string, unknown>): RunSpec {
  if (typeof input.image !== 'string' || input.image.trim() === '') {
    fail(l10n.t('The run arguments need an image, e.g. { image: "nginx:1.27" }.'));
  }
  const strings = (key: string): string[] => {
    const value = input[key] ?? [];
    if (!Array.isArray(value)) {
      return fail(l10n.t('"{0}" must be a list.', key));
    }
    return value.map((v) =>
      typeof v === 'string' ? v : typeof v === 'object' && v ? (key === 'ports' ? formatPort(v as PortSpec) : formatVolume(v as VolumeSpec)) : String(v),
    );
  };
  const command = input.command;
  const spec: RunSpec = {
    image: (input.image as string).trim(),
    name: input.name === undefined ? undefined : validateContainerName(String(input.name)),
    command: typeof command === 'string' ? splitRunWords(command) : Array.isArray(command) ? command.map(String) : undefined,
    env: strings('env').map((e) => parseKeyValue(e, '-e')),
    labels: strings('labels').map((e) => parseKeyValue(e, '--label')),
    ports: strings('ports').map(parsePort),
    volumes: strings('volumes').map(parseVolume),
    volumesFrom: strings('volumesFrom').map(parseVolumesFrom),
    links: strings('links').map(parseLink),
    interactive: input.interactive === true,
    tty: input.tty === true,
    detach: input.detach === true,
    autoRemove: input.autoRemove === true,
    init: input.init === true,
    restart: input.restart === undefined ? undefined : parseRestart(String(input.restart)),
    network: input.network === undefined ? undefined : parseRunNetwork(String(input.network)),
    networkAliases: strings('networkAliases').map(parseRunNetworkAlias),
    ip: input.ip === undefined ? undefined : parseRunIp(String(input.ip)),
    hostname: input.hostname === undefined ? undefined : parseRunHostname(String(input.hostname)),
  };
  validateRunOptions(spec);
  return spec;
}
