import * as vscode from 'vscode';
import { ContainerFileError, ContainerFiles, readLimitBytes } from '../docker/containerFiles';
import { imageReaderLabel } from '../docker/helperContainers';
import type { DockerService } from '../docker/service';
import { commandLine } from '../docker/shell';
import type { DockerLog } from '../commands/dockerLog';
import { describeFileError } from './fileMessages';
import { imageScheme } from './fileUris';

/**
 * `docker-image://<image id>/<path>`: a file as the image has it, read-only, for Compare with Image.
 * The Engine API reads files of containers only, so one is created from the image (never started,
 * no network) to read the file, and removed at once; what was read is kept for this window, since an
 * image id names fixed content.
 */
export class ImageFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly cache = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly service: DockerService,
    private readonly files: ContainerFiles,
    private readonly log: DockerLog,
    private readonly engine: () => string,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const data = await this.read(uri);
    return { type: vscode.FileType.File, size: data.length, ctime: 0, mtime: 0, permissions: vscode.FilePermission.Readonly };
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.read(uri);
  }

  private read(uri: vscode.Uri): Promise<Uint8Array> {
    const key = uri.toString();
    let data = this.cache.get(key);
    if (!data) {
      data = this.readFromImage(`sha256:${uri.authority}`, uri.path);
      this.cache.set(key, data);
      data.catch(() => this.cache.delete(key));
      if (this.cache.size > 32) {
        this.cache.delete(this.cache.keys().next().value as string);
      }
    }
    return data;
  }

  /** `docker create IMAGE` then `docker cp`, then `docker rm`: the container is never started. */
  private async readFromImage(image: string, path: string): Promise<Uint8Array> {
    this.log.command(commandLine(['docker', 'create', '--network', 'none', image]));
    let id: string;
    try {
      // A command is given so an image without CMD can be created too; it never runs.
      ({ id } = await this.service.createContainer({
        Image: image,
        Entrypoint: ['/'],
        Cmd: [],
        Labels: { [imageReaderLabel]: 'true' },
        NetworkDisabled: true,
        HostConfig: { NetworkMode: 'none' },
      }));
    } catch (err) {
      throw vscode.FileSystemError.Unavailable(describeFileError(err, this.engine()));
    }
    try {
      this.log.command(commandLine(['docker', 'cp', `${id.slice(0, 12)}:${path}`, '-']));
      return await this.files.read(id, path, readLimitBytes);
    } catch (err) {
      const message = describeFileError(err, this.engine());
      throw err instanceof ContainerFileError && err.code === 'notFound' ? vscode.FileSystemError.FileNotFound(message) : vscode.FileSystemError.Unavailable(message);
    } finally {
      this.log.command(commandLine(['docker', 'rm', id.slice(0, 12)]));
      await this.service.removeContainer(id, { force: true, volumes: true }).catch((err: unknown) => this.log.error(describeFileError(err, this.engine())));
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t("An image's layers are read-only."));
  }

  writeFile(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t("An image's layers are read-only."));
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t("An image's layers are read-only."));
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t("An image's layers are read-only."));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerImageFileSystem(fs: ImageFileSystem): vscode.Disposable {
  return vscode.workspace.registerFileSystemProvider(imageScheme, fs, { isCaseSensitive: true, isReadonly: true });
}
