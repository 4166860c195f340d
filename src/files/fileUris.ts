import * as vscode from 'vscode';

/** `docker-container://<container id>/<path>`: a file in a container, served by ContainerFileSystem. */
export const containerScheme = 'docker-container';
/** `docker-image://<image id>/<path>`: a file as the image has it, read-only (Compare with Image). */
export const imageScheme = 'docker-image';
/** `docker-changes://<container id>/<path>?<A|C|D>`: a Changes row, for its A/C/D decoration only. */
export const changesScheme = 'docker-changes';

export function containerFileUri(containerId: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: containerScheme, authority: containerId, path });
}

export function imageFileUri(imageId: string, path: string): vscode.Uri {
  // "sha256:..." is not an authority; the hex alone is.
  return vscode.Uri.from({ scheme: imageScheme, authority: imageId.replace(/^sha256:/, ''), path });
}

/** The container and path a docker-container URI names. */
export function fromContainerUri(uri: vscode.Uri): { container: string; path: string } {
  return { container: uri.authority, path: uri.path || '/' };
}
