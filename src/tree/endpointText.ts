import * as vscode from 'vscode';
import type { EngineEndpoint } from '../docker/connection';

/** "unix:///var/run/docker.sock (from DOCKER_HOST)" in the display language: which engine, and what chose it. */
export function endpointText(endpoint: EngineEndpoint | undefined): string {
  if (!endpoint) {
    return '';
  }
  switch (endpoint.source) {
    case 'setting':
      return vscode.l10n.t('{0} (from settings)', endpoint.host);
    case 'DOCKER_HOST':
      return vscode.l10n.t('{0} (from DOCKER_HOST)', endpoint.host);
    case 'context':
      return vscode.l10n.t('{0} (from context "{1}")', endpoint.host, endpoint.contextName ?? '');
    default:
      return vscode.l10n.t('{0} (default)', endpoint.host);
  }
}
