import * as vscode from 'vscode';
import { commandLine } from '../docker/shell';
import { ContainerFileError, ContainerFiles, readLimitBytes, type FileKind } from '../docker/containerFiles';
import { containerPathProblem, normalizeContainerPath, parentOf } from '../docker/containerPath';
import { isActive, isRunning } from '../docker/models';
import type { CommandContext } from '../commands/context';
import { describeFileError, describePathProblem } from './fileMessages';
import { containerScheme, fromContainerUri } from './fileUris';

/**
 * A container's filesystem in VS Code: `docker-container://<id>/<path>` for running and stopped
 * containers alike, over ContainerFiles (the archive endpoints). No polling: watch does nothing,
 * and an editor shows what was read when it was opened. The first save into a container asks once
 * (per container, for this window) that it writes into the container's writable layer.
 */
export class ContainerFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Containers whose writable layer the user agreed to write into. */
  private readonly agreed = new Set<string>();
  /** Per container: its read-only root and read-only mounts, from one inspect. */
  private readonly readOnly = new Map<string, Promise<{ rootfs: boolean; mounts: { at: string; rw: boolean }[] }>>();

  constructor(
    private readonly ctx: CommandContext,
    readonly files: ContainerFiles,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { container, path } = this.checked(uri);
    const stat = await this.run(() => this.files.stat(container, path), path);
    const type = fileType(stat);
    const readOnly = (await this.readOnlyReason(container, path)) !== undefined;
    return { type, size: stat.size, ctime: 0, mtime: stat.mtime, permissions: readOnly ? vscode.FilePermission.Readonly : undefined };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { container, path } = this.checked(uri);
    const model = this.ctx.store.containers.get(container);
    const listing = await this.run(() => this.files.list(container, path, !model || isRunning(model)), path);
    if (listing.truncated) {
      this.ctx.log.info(
        vscode.l10n.t('{0}: the listing of {1} stopped after {2} MB of archive; start the container to list it whole.', container.slice(0, 12), path, 256),
      );
    }
    return listing.entries.map((e) => [e.name, fileType(e)]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { container, path } = this.checked(uri);
    return this.run(() => this.files.read(container, path, readLimitBytes), path);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { container, path } = this.checked(uri);
    await this.mayWrite(container, path);
    this.ctx.log.command(commandLine(['docker', 'cp', '-', `${this.nameOf(container)}:${parentOf(path)}`]));
    await this.run(() => this.files.write(container, path, content), path);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    const { container, path } = this.checked(uri);
    await this.mayWrite(container, path);
    this.ctx.log.command(commandLine(['docker', 'cp', '-', `${this.nameOf(container)}:${parentOf(path)}`]));
    await this.run(() => this.files.create(container, path, 'directory'), path);
    this.changed.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri: vscode.Uri): Promise<void> {
    const { container, path } = this.checked(uri);
    const model = this.ctx.store.containers.get(container);
    if (model && !isActive(model)) {
      throw vscode.FileSystemError.NoPermissions(describeFileError(new ContainerFileError('notRunning', path, ''), this.nameOf(container)));
    }
    this.ctx.log.command(commandLine(['docker', 'exec', this.nameOf(container), 'rm', '-rf', '--', path]));
    await this.run(() => this.files.remove(container, path), path);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions(
      vscode.l10n.t('Renaming inside a container is not offered: the Engine API copies files in but cannot move or delete them.'),
    );
  }

  /** Asks once per container before the first write into its writable layer; refuses where the engine would. */
  async mayWrite(container: string, path: string): Promise<void> {
    const reason = await this.readOnlyReason(container, path);
    if (reason) {
      throw vscode.FileSystemError.NoPermissions(reason);
    }
    if (this.agreed.has(container)) {
      return;
    }
    const name = this.nameOf(container);
    const write = vscode.l10n.t('Write into the Container');
    const choice = await this.ctx.ui.choose(
      vscode.l10n.t('Write {0} into container "{1}"?', path, name),
      vscode.l10n.t(
        "The file is written into the container's writable layer (docker cp). It is lost when the container is removed, and it is not in the image. This is asked once per container.",
      ),
      [write],
    );
    if (choice !== write) {
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Not written: the write into container "{0}" was not confirmed.', name));
    }
    this.agreed.add(container);
  }

  /** Why the engine would refuse a write at `path` (a read-only root filesystem or mount), or undefined. */
  async readOnlyReason(container: string, path: string): Promise<string | undefined> {
    let known = this.readOnly.get(container);
    if (!known) {
      known = this.ctx.service.inspectContainer(container).then((info) => ({
        rootfs: info.HostConfig?.ReadonlyRootfs === true,
        mounts: (info.Mounts ?? []).map((m) => ({ at: m.Destination, rw: m.RW !== false })),
      }));
      this.readOnly.set(container, known);
      known.catch(() => this.readOnly.delete(container));
    }
    const { rootfs, mounts } = await known.catch(() => ({ rootfs: false, mounts: [] as { at: string; rw: boolean }[] }));
    // The deepest mount that holds the path decides; outside every mount, the root filesystem.
    const mount = mounts.filter((m) => path === m.at || path.startsWith(`${m.at}/`)).sort((a, b) => b.at.length - a.at.length)[0];
    if (mount) {
      return mount.rw ? undefined : vscode.l10n.t('{0} is on a read-only mount ({1}) of container "{2}".', path, mount.at, this.nameOf(container));
    }
    return rootfs ? vscode.l10n.t('Container "{0}" has a read-only root filesystem (--read-only).', this.nameOf(container)) : undefined;
  }

  nameOf(container: string): string {
    return this.ctx.store.containers.get(container)?.name ?? container.slice(0, 12);
  }

  private checked(uri: vscode.Uri): { container: string; path: string } {
    const { container, path } = fromContainerUri(uri);
    const problem = containerPathProblem(path);
    if (problem) {
      throw vscode.FileSystemError.NoPermissions(describePathProblem(problem, path));
    }
    return { container, path: normalizeContainerPath(path) };
  }

  /** Runs a file operation; its failure becomes the FileSystemError VS Code shows, with the project's message. */
  private async run<T>(operation: () => Promise<T>, path: string): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      const message = describeFileError(err, this.ctx.engineDescription);
      const code = err instanceof ContainerFileError ? err.code : undefined;
      if (code === 'notFound') throw vscode.FileSystemError.FileNotFound(message);
      if (code === 'containerGone') throw vscode.FileSystemError.Unavailable(message);
      if (code === 'exists') throw vscode.FileSystemError.FileExists(message);
      if (code === 'isAFolder') throw vscode.FileSystemError.FileIsADirectory(message);
      if (code === 'notAFolder') throw vscode.FileSystemError.FileNotADirectory(message);
      if (code === 'readOnly' || code === 'permission' || code === 'notRunning') throw vscode.FileSystemError.NoPermissions(message);
      void path;
      throw vscode.FileSystemError.Unavailable(message);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A symlink is a link and what it leads to, as VS Code's own file systems say it. */
function fileType(e: { kind: FileKind; toDirectory: boolean }): vscode.FileType {
  switch (e.kind) {
    case 'directory':
      return vscode.FileType.Directory;
    case 'symlink':
      return vscode.FileType.SymbolicLink | (e.toDirectory ? vscode.FileType.Directory : vscode.FileType.File);
    case 'file':
      return vscode.FileType.File;
    default:
      return vscode.FileType.Unknown;
  }
}

export function registerContainerFileSystem(fs: ContainerFileSystem): vscode.Disposable {
  return vscode.workspace.registerFileSystemProvider(containerScheme, fs, { isCaseSensitive: true });
}
