import type { EngineEndpoint } from '../docker/connection';
import type { Disposable } from '../docker/event';
import type { DockerService } from '../docker/service';
import type { NetworkStore } from '../docker/networkStore';
import type { EngineStore } from '../docker/store';
import type { InspectDocuments } from '../inspect/inspectDocuments';
import type { RegistryAccounts } from './registries/accounts';
import type { DockerLog } from './dockerLog';
import type { TerminalSessions } from '../terminal/terminals';
import type { UserInterface } from './userInterface';

/** What every command handler may use; commands never reach into a tree's internals. */
export interface CommandContext {
  service: DockerService;
  store: EngineStore;
  /** The engine's networks, fed by the same events stream as the store. */
  networks: NetworkStore;
  log: DockerLog;
  /** Replaceable: tests answer the questions commands ask. */
  ui: UserInterface;
  /** "unix:///var/run/docker.sock (default)", for messages. */
  engineDescription: string;
  /** The read-only `docker inspect` documents. */
  inspect: InspectDocuments;
  /** Exec, attach and logs sessions open in terminals. */
  terminals: TerminalSessions;
  /** Small values kept across sessions (the extension's globalState), e.g. the last run options per image. */
  memory?: CommandMemory;
  /** Keeps the events stream running while held (see engineReady). */
  lifetime: { lease(): Disposable };
  /** Registries added and logged in to (SecretStorage), and the docker config's. */
  registries?: RegistryAccounts;
  /** This invocation's own scope, given by the registry's wrapper; released when the handler settles. */
  scope?: CommandScope;
  /** The engine the views use, for the compose tool run in a terminal. */
  endpoint?: () => EngineEndpoint | undefined;
  /** Shows a compose project's row in the Containers view, expanded. */
  revealProject?: (project: string) => Promise<boolean>;
  /** Expands a row of the Containers view (a page row, for Show More Containers); resolves once the view has its rows. */
  expandContainersRow?: (row: object) => Promise<void>;
  /** Shows a container's Changes or an image's layers in their views (Show Changes, Show Layers). */
  reveal?: ViewReveal;
  /** Files in a container folder were changed by our own hand (the engine sends no event): its open row shows them. */
  filesChanged?: (containerId: string, folder: string) => void;
  /** Values kept for this workspace (its workspaceState), e.g. the last build choices per Dockerfile. */
  workspaceMemory?: CommandMemory;
  /** Selects an image's row in the Images view; false when the view has no row for it (yet). */
  revealImage?: (imageId: string, reference?: string) => Promise<boolean>;
}

/** What the Show commands ask of the views: reveal and expand a row; each resolves to what it shows. */
export interface ViewReveal {
  changes(containerId: string): Promise<{ path: string; kind: 'changed' | 'added' | 'deleted' }[] | undefined>;
  layers(imageId: string, reference: string | undefined): Promise<number | undefined>;
}

/** What one command invocation holds (a lease on the store); let go of when the handler's promise settles. */
export class CommandScope implements Disposable {
  private readonly held: Disposable[] = [];

  hold(resource: Disposable): void {
    this.held.push(resource);
  }

  dispose(): void {
    this.held.splice(0).forEach((r) => r.dispose());
  }
}

export interface CommandMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;
