import * as vscode from 'vscode';
import { ContainerFiles } from '../docker/containerFiles';
import { parentOf } from '../docker/containerPath';
import type { DockerService } from '../docker/service';
import type { EngineStore } from '../docker/store';
import type { CommandContext } from '../commands/context';
import { uploadPaths } from '../commands/files/uploadToContainer';
import { ContainerInside, type InsideNode } from '../tree/containerInside';
import type { ContainersProvider, ContainersTreeNode } from '../tree/containersProvider';
import type { ImagesProvider } from '../tree/imagesProvider';
import { ContainerNode } from '../tree/nodes/containerNode';
import { FileNode, FilesNode } from '../tree/nodes/filesNodes';
import { ImageNode } from '../tree/nodes/imageNode';
import { ChangeDecorations } from './changeDecorations';
import { ContainerFileSystem, registerContainerFileSystem } from './containerFileSystem';
import { fromContainerUri } from './fileUris';
import { ImageFileSystem, registerImageFileSystem } from './imageFileSystem';

/**
 * Inside images and containers (issue 13), wired in one place: the container and image file
 * systems, the A/C/D decorations, the rows under a container, drag and drop into Files, and what
 * Show Changes and Show Layers reveal.
 */
export class ContainerFilesFeature {
  readonly files: ContainerFiles;
  private insideRows: ContainerInside | undefined;
  private ctx: CommandContext | undefined;

  constructor(
    private readonly service: DockerService,
    private readonly store: EngineStore,
    private readonly engineDescription: () => string,
  ) {
    this.files = new ContainerFiles(service);
  }

  /** For ContainersProvider: builds the rows under container rows. */
  readonly inside = (fire: (node: InsideNode) => void): ContainerInside => {
    this.insideRows = new ContainerInside(
      {
        containerChanges: (id) => this.service.containerChanges(id),
        list: (container, folder, running) => this.files.list(container, folder, running),
        container: (id) => this.store.containers.get(id),
        engineDescription: this.engineDescription,
      },
      fire,
    );
    return this.insideRows;
  };

  /** Host files and folders dropped on a folder under Files are uploaded into it (docker cp). */
  readonly drop: vscode.TreeDragAndDropController<ContainersTreeNode> = {
    dropMimeTypes: ['text/uri-list', 'files'],
    dragMimeTypes: [],
    handleDrop: async (target, data) => {
      if (!this.ctx || !(target instanceof FilesNode || (target instanceof FileNode && (target.state === 'folder' || target.state === 'linkToFolder')))) {
        return;
      }
      const uris = await droppedUris(data);
      const local = uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
      if (local.length < uris.length || local.length === 0) {
        void this.ctx.ui.error(
          vscode.l10n.t('Only files and folders of this machine can be dropped into a container (here: {0}).', uris.map((u) => u.scheme).join(', ') || '-'),
        );
        if (local.length === 0) return;
      }
      const container = this.store.containers.get(target.containerId);
      // uploadPaths tells the open folder row (ctx.filesChanged) what was dropped.
      await uploadPaths(this.ctx, target.containerId, container?.name ?? target.containerId.slice(0, 12), local, target.path);
    },
  };

  /** Registers the file systems and decorations, and gives the commands their view reveals. */
  attach(
    ctx: CommandContext,
    views: { containers: ContainersProvider; images: ImagesProvider },
    treeViews: { containers: vscode.TreeView<unknown>; images: vscode.TreeView<unknown> },
  ): vscode.Disposable[] {
    this.ctx = ctx;
    ctx.filesChanged = (containerId, folder) => this.insideRows?.changedIn(containerId, folder);
    const containerFs = new ContainerFileSystem(ctx, this.files);
    const imageFs = new ImageFileSystem(this.service, this.files, ctx.log, this.engineDescription);
    ctx.reveal = {
      changes: async (containerId) => {
        const row = await findContainerRow(views.containers, containerId);
        if (!row || !this.insideRows) {
          return undefined;
        }
        const changes = await this.insideRows.showChanges(row, async () => treeViews.containers.reveal(row, { expand: true, select: false, focus: false }));
        await treeViews.containers.reveal(changes, { expand: true, select: true, focus: true });
        return changes.changes;
      },
      layers: async (imageId, reference) => {
        const row = await findImageRow(views.images, imageId, reference);
        if (!row) {
          return undefined;
        }
        await treeViews.images.reveal(row, { expand: true, select: true, focus: true });
        return (await views.images.getChildren(row)).length;
      },
    };
    return [
      registerContainerFileSystem(containerFs),
      registerImageFileSystem(imageFs),
      containerFs,
      imageFs,
      // New File, New Folder, Delete and saves go through the file system: the folder each changed is listed again.
      containerFs.onDidChangeFile((changes) => {
        for (const change of changes) {
          const { container, path } = fromContainerUri(change.uri);
          this.insideRows?.changedIn(container, parentOf(path));
        }
      }),
      // A removed container's rows are forgotten (they would stay for the window's life otherwise).
      this.store.onChange((c) => c.kind === 'containers' && this.insideRows?.forgetGone(c, (id) => this.store.containers.has(id))),
      vscode.window.registerFileDecorationProvider(new ChangeDecorations()),
      treeViews.containers.onDidCollapseElement((e) => this.insideRows?.collapsedRow(e.element)),
      treeViews.containers.onDidExpandElement((e) => this.insideRows?.expandedRow(e.element)),
    ];
  }
}

async function droppedUris(data: vscode.DataTransfer): Promise<vscode.Uri[]> {
  const list = await data.get('text/uri-list')?.asString();
  if (list) {
    return list
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => vscode.Uri.parse(l));
  }
  const uris: vscode.Uri[] = [];
  data.forEach((item) => {
    const file = item.asFile();
    if (file?.uri) uris.push(file.uri);
  });
  return uris;
}

/** The container's row wherever it is laid out: a group, a service, or a page row of a long level. */
async function findContainerRow(provider: ContainersProvider, id: string): Promise<ContainerNode | undefined> {
  await provider.getChildren();
  return provider.containerRow(id);
}

async function findImageRow(provider: ImagesProvider, imageId: string, reference: string | undefined): Promise<ImageNode | undefined> {
  let any: ImageNode | undefined;
  for (const group of await provider.getChildren()) {
    for (const row of await provider.getChildren(group)) {
      if (row instanceof ImageNode && row.model.id === imageId) {
        if (reference === undefined || row.reference === reference) return row;
        any ??= row;
      }
    }
  }
  return any;
}
