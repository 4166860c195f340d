import * as vscode from 'vscode';
import { displayFormat, parseContainerStatus, type ContainerStatus } from './format';

/** A container's status as docker ps words it, in the display language ("Up 5 minutes" in English). */
export function containerStatusText(status: string): string {
  const parts = parseContainerStatus(status);
  if (!parts) {
    return status; // a wording this version does not know: the engine's own text
  }
  switch (parts.phase) {
    case 'created':
      return vscode.l10n.t('Created');
    case 'removing':
      return vscode.l10n.t('Removal In Progress');
    case 'dead':
      return vscode.l10n.t('Dead');
    case 'exited':
      return vscode.l10n.t('Exited ({0}) {1}', parts.exitCode ?? '', ago(parts.time));
    case 'restarting':
      return vscode.l10n.t('Restarting ({0}) {1}', parts.exitCode ?? '', ago(parts.time));
    case 'up': {
      const up = parts.paused ? vscode.l10n.t('Up {0} (Paused)', span(parts.time)) : vscode.l10n.t('Up {0}', span(parts.time));
      switch (parts.health) {
        case 'healthy':
          return vscode.l10n.t('{0} (healthy)', up);
        case 'unhealthy':
          return vscode.l10n.t('{0} (unhealthy)', up);
        case 'starting':
          return vscode.l10n.t('{0} (health: starting)', up);
        default:
          return up;
      }
    }
  }
}

function span(time: ContainerStatus['time']): string {
  switch (time) {
    case undefined:
      return '';
    case 'lessThanASecond':
      return vscode.l10n.t('Less than a second');
    case 'aboutAMinute':
      return vscode.l10n.t('About a minute');
    case 'aboutAnHour':
      return vscode.l10n.t('About an hour');
    default:
      return displayFormat(vscode.env.language).span(time);
  }
}

function ago(time: ContainerStatus['time']): string {
  switch (time) {
    case undefined:
      return '';
    case 'lessThanASecond':
      return vscode.l10n.t('Less than a second ago');
    case 'aboutAMinute':
      return vscode.l10n.t('About a minute ago');
    case 'aboutAnHour':
      return vscode.l10n.t('About an hour ago');
    default:
      return displayFormat(vscode.env.language).spanAgo(time);
  }
}
