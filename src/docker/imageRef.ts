import { printable } from './shell';

import { scrubSecrets } from './maskSecrets';
import * as l10n from '@vscode/l10n';

/**
 * Image references as Docker reads them (distribution's reference grammar): no registry means
 * Docker Hub (docker.io), an official image lives under library/, no tag means latest.
 */
export interface ImageRef {
  /** Registry host, e.g. docker.io or 127.0.0.1:5000. */
  domain: string;
  /** Repository path inside the registry, e.g. library/nginx. */
  path: string;
  tag?: string;
  digest?: string;
}

export class ImageRefError extends Error {
  constructor(message: string) {
    // A registry URL pasted with its password must not have the password repeated on screen.
    super(scrubSecrets(message));
    this.name = 'ImageRefError';
  }
}

const hubDomain = 'docker.io';
const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const domainPattern = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const maxNameLength = 255;

/** Parses and validates a reference; throws ImageRefError with what is wrong and an example. */
export function parseImageRef(raw: string): ImageRef {
  const value = raw.trim();
  if (value === '') {
    throw new ImageRefError(l10n.t('The image name is empty. Give one such as nginx, nginx:1.27 or registry.example.com/team/app:2.0.'));
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\s\x00-\x1f\x7f]/.test(value)) {
    throw new ImageRefError(l10n.t('"{0}" contains spaces or control characters, which an image name cannot have.', printable(value)));
  }
  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) {
      throw new ImageRefError(l10n.t('"{0}" is not a valid digest; a digest looks like sha256: followed by 64 hex characters.', digest));
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) {
      throw new ImageRefError(l10n.t('"{0}" is not a valid tag: use up to 128 letters, digits, _, . or -, not starting with . or -.', tag));
    }
  }
  if (rest === '') {
    throw new ImageRefError(l10n.t('"{0}" has no repository name before the tag or digest.', value));
  }
  const { domain, path } = splitDomain(rest);
  if (domain !== hubDomain && !domainPattern.test(domain)) {
    throw new ImageRefError(l10n.t('"{0}" is not a valid registry host.', domain));
  }
  for (const component of path.split('/')) {
    if (!pathComponent.test(component)) {
      throw new ImageRefError(
        /[A-Z]/.test(component)
          ? l10n.t(
              '"{0}" is not a valid repository name part: use lowercase letters, digits and single separators (., _, __, -). Repository names must be lowercase.',
              component,
            )
          : l10n.t('"{0}" is not a valid repository name part: use lowercase letters, digits and single separators (., _, __, -).', component),
      );
    }
  }
  if (`${domain}/${path}`.length > maxNameLength) {
    throw new ImageRefError(l10n.t('The repository name is longer than {0} characters.', maxNameLength));
  }
  return { domain, path, tag, digest };
}

/** docker.io/library/nginx:latest for "nginx"; keeps a digest instead of adding latest. */
export function formatImageRef(ref: ImageRef): string {
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  return `${ref.domain}/${ref.path}${tag ? `:${tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The repository part alone (docker.io/library/nginx), used to group tags. */
export function repositoryOf(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

/** Normalises a name the engine already accepted; leaves anything unparsable as it is. */
export function normalizeImageName(name: string): string {
  try {
    return formatImageRef(parseImageRef(name));
  } catch {
    return name;
  }
}

/** The shortest form Docker itself prints (nginx:latest, user/app:1, host:5000/app:1). */
export function familiarImageName(ref: ImageRef): string {
  let path = ref.path;
  if (ref.domain === hubDomain && path.startsWith('library/') && path.split('/').length === 2) {
    path = path.slice('library/'.length);
  }
  const name = ref.domain === hubDomain ? path : `${ref.domain}/${path}`;
  return `${name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  // Docker's rule: the first part is a registry only if it has a dot, a port or is localhost.
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let domain = isDomain ? first : hubDomain;
  let path = isDomain ? name.slice(slash + 1) : name;
  if (domain === 'index.docker.io') {
    domain = hubDomain;
  }
  if (domain === hubDomain && !path.includes('/')) {
    path = `library/${path}`;
  }
  return { domain, path };
}
