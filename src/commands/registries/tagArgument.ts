import * as vscode from 'vscode';
import { familiarImageName, ImageRefError, parseImageRef } from '../../docker/imageRef';
import type { CommandContext } from '../context';

/** A registry tag row (matched by shape) or a reference string; the reference, checked, or undefined with a message. */
export function registryTagReference(ctx: CommandContext, arg: unknown): string | undefined {
  const row = arg as { kind?: unknown; reference?: unknown } | undefined;
  const given = typeof arg === 'string' ? arg : row?.kind === 'registryTag' && typeof row.reference === 'string' ? row.reference : undefined;
  if (given === undefined) {
    void ctx.ui.error(vscode.l10n.t('Choose a tag in the Registries view (or pass a reference such as 127.0.0.1:5000/team/app:1.0).'));
    return undefined;
  }
  try {
    return familiarImageName(parseImageRef(given));
  } catch (err) {
    void ctx.ui.error(err instanceof ImageRefError ? err.message : String(err));
    return undefined;
  }
}
