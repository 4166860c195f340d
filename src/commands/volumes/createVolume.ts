import * as vscode from 'vscode';
import { printable } from '../../docker/shell';
import { maxVolumeNameLength, volumeNameProblem as volumeNameCheck } from '../../docker/volumeName';
import { actOnce } from '../act';
import type { CommandContext } from '../context';

/** What is wrong with a volume name, in words, or undefined; empty means the engine picks one. */
export function volumeNameProblem(value: string): string | undefined {
  switch (volumeNameCheck(value)) {
    case 'whitespace':
      return vscode.l10n.t('"{0}" contains spaces; a volume name cannot. Use letters, digits, _, . or -.', value);
    case 'tooShort':
      return vscode.l10n.t('"{0}" is too short: a volume name has at least two characters.', value);
    case 'tooLong':
      return vscode.l10n.t('The volume name is {0} characters long; Docker allows at most {1}.', value.length, maxVolumeNameLength);
    case 'badFirst':
      return vscode.l10n.t('"{0}" must start with a letter or a digit.', printable(value));
    case 'badCharacters': {
      const bad = [...new Set(value.replace(/[a-zA-Z0-9_.-]/g, ''))].map(printable).join(' ');
      return vscode.l10n.t('"{0}" contains {1}, which a volume name cannot have: use letters, digits, _, . or -.', printable(value), bad);
    }
  }
  return undefined;
}

export function driverProblem(value: string): string | undefined {
  if (value.trim() === '') {
    return vscode.l10n.t('The driver is empty. Most volumes use the local driver: type local.');
  }
  return /\s/.test(value.trim()) ? vscode.l10n.t('"{0}" contains spaces; a driver name cannot.', value) : undefined;
}

/** Parses `KEY=VALUE, KEY2=VALUE2`; a string is what is wrong. */
export function parseLabels(value: string): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const raw of value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = raw.indexOf('=');
    const key = eq < 0 ? raw : raw.slice(0, eq);
    if (eq < 0) {
      return vscode.l10n.t('"{0}" has no "=": write each label as KEY=VALUE, separated by commas.', raw);
    }
    if (key.trim() === '' || /\s/.test(key)) {
      return vscode.l10n.t('"{0}": a label key cannot be empty or contain spaces; write KEY=VALUE, e.g. com.example.team=web.', raw);
    }
    if (key in labels) {
      return vscode.l10n.t('The label {0} is given twice.', key);
    }
    labels[key] = raw.slice(eq + 1);
  }
  return labels;
}

/** `docker volume create [--driver D] [--label K=V] [NAME]`: asks the name, driver and labels first. */
export async function createVolume(ctx: CommandContext): Promise<void> {
  const name = await ctx.ui.input({
    title: vscode.l10n.t('New volume: name'),
    prompt: vscode.l10n.t('Letters, digits, _, . or -, starting with a letter or digit. Leave empty to let Docker generate a name.'),
    validateInput: volumeNameProblem,
  });
  if (name === undefined) {
    return;
  }
  const nameProblem = volumeNameProblem(name);
  if (nameProblem) {
    void ctx.ui.error(nameProblem);
    return;
  }
  // The engine answers an existing name with that volume, as if it had created it: say so instead.
  if (name !== '' && (ctx.store.volumes.has(name) || (await existing(ctx, name)))) {
    void ctx.ui.error(vscode.l10n.t('A volume named {0} already exists. Choose another name, or use that volume.', name));
    return;
  }
  const driver = await ctx.ui.input({ title: vscode.l10n.t('New volume: driver'), value: 'local', validateInput: driverProblem });
  if (driver === undefined) {
    return;
  }
  const problem = driverProblem(driver);
  if (problem) {
    void ctx.ui.error(problem);
    return;
  }
  const labelText = await ctx.ui.input({
    title: vscode.l10n.t('New volume: labels'),
    prompt: vscode.l10n.t('KEY=VALUE, separated by commas; leave empty for none.'),
    validateInput: (v) => {
      const parsed = parseLabels(v);
      return typeof parsed === 'string' ? parsed : undefined;
    },
  });
  if (labelText === undefined) {
    return;
  }
  const labels = parseLabels(labelText);
  if (typeof labels === 'string') {
    void ctx.ui.error(labels);
    return;
  }
  const cli = [
    'docker',
    'volume',
    'create',
    ...(driver.trim() !== 'local' ? ['--driver', driver.trim()] : []),
    ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
    ...(name ? [name] : []),
  ];
  const volume = await actOnce(ctx, cli, () => ctx.service.createVolume({ name: name || undefined, driver: driver.trim(), labels }));
  if (volume) {
    void ctx.ui.info(vscode.l10n.t('Created the volume {0}.', volume.name));
  }
}

async function existing(ctx: CommandContext, name: string): Promise<boolean> {
  try {
    return (await ctx.service.findVolume(name)) !== undefined;
  } catch {
    return false;
  }
}
