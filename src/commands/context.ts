import type { DockerService } from '../docker/service';
import type { EngineStore } from '../docker/store';
import type { InspectDocuments } from '../inspect/inspectDocuments';
import type { DockerLog } from './dockerLog';
import type { TerminalSessions } from '../terminal/terminals';
import type { UserInterface } from './userInterface';

/** What every command handler may use; commands never reach into a tree's internals. */
export interface CommandContext {
  service: DockerService;
  store: EngineStore;
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
}

export interface CommandMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;
