import type { DockerService } from '../docker/service';
import type { EngineStore } from '../docker/store';

/** What every command handler may use; commands never reach into a tree's internals. */
export interface CommandContext {
  service: DockerService;
  store: EngineStore;
}

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;
