import * as vscode from 'vscode';
import { describeNameProblem } from '../compose/nameProblems';
import { projectNameProblem } from '../../docker/composeTool';
import type { ContainerModel } from '../../docker/models';
import { printable } from '../../docker/shell';
import { accepts, ActionId } from '../../tree/contextValues';
import { actOnEach } from '../act';
import type { CommandContext } from '../context';
import { engineReady } from '../engineReady';

/** A compose project and its containers as the engine lists them now. */
export interface ProjectTarget {
  project: string;
  containers: ContainerModel[];
}

/** The project a command was given: its group row, its name, `{ project: NAME }`, or nothing (a quick pick). */
function projectNameOf(arg: unknown): string | undefined | null {
  if (typeof arg === 'string') {
    return arg;
  }
  if (arg && typeof arg === 'object') {
    const given = (arg as { project?: unknown; name?: unknown }).project ?? (arg as { name?: unknown }).name;
    return typeof given === 'string' ? given : null;
  }
  return arg === undefined ? undefined : null;
}

/**
 * Resolves the project, refusing a name compose would refuse before anything reaches the engine,
 * then asks the engine for its containers now (the store's picture may be a few ms late).
 */
export async function projectTarget(ctx: CommandContext, args: unknown[], placeHolder: string): Promise<ProjectTarget | undefined> {
  let project = projectNameOf(args[0]);
  if (project === null) {
    void ctx.ui.error(vscode.l10n.t('Give a compose project as its name, its row in the Containers view or {0}.', '{ project: NAME }'));
    return undefined;
  }
  if (project !== undefined) {
    const problem = projectNameProblem(project);
    if (problem) {
      void ctx.ui.error(vscode.l10n.t('"{0}" is not a compose project name: {1}.', printable(project), describeNameProblem(problem)));
      return undefined;
    }
  }
  if (!(await engineReady(ctx))) {
    return undefined;
  }
  if (project === undefined) {
    const names = [...new Set([...ctx.store.containers.values()].map((c) => c.composeProject).filter((p): p is string => !!p))].sort();
    if (names.length === 0) {
      void ctx.ui.info(vscode.l10n.t('No compose projects: no container carries a compose project label.'));
      return undefined;
    }
    project = await ctx.ui.pick(
      names.map((name) => ({ label: name, value: name })),
      { placeHolder },
    );
    if (project === undefined) {
      return undefined;
    }
  }
  const containers = await ctx.service.projectContainers(project);
  if (containers.length === 0) {
    void ctx.ui.error(vscode.l10n.t('The engine has no containers of compose project "{0}".', project));
    return undefined;
  }
  return { project, containers: containers.sort((a, b) => a.name.localeCompare(b.name)) };
}

export interface ProjectAction {
  /** The single-container action whose rule says which of the project's containers this one acts on. */
  containerAction: ActionId;
  /** The compose subcommand it stands for: `stop`. */
  composeVerb: string;
  placeHolder: string;
  /** Said when none of the project's containers is in a state the action accepts. */
  noneMessage: (project: string) => string;
  cli: (container: ContainerModel) => string[];
  operation: (container: ContainerModel) => Promise<unknown>;
}

/**
 * Start, stop, restart, pause, unpause a whole project through the Engine API: the containers the
 * single-container rule accepts, one request each, each written as the docker command it is.
 */
export async function actOnProject(ctx: CommandContext, args: unknown[], action: ProjectAction): Promise<ContainerModel[] | undefined> {
  const target = await projectTarget(ctx, args, action.placeHolder);
  if (!target) {
    return undefined;
  }
  const accepted = target.containers.filter((c) => accepts(action.containerAction, c.state));
  if (accepted.length === 0) {
    void ctx.ui.info(action.noneMessage(target.project));
    return undefined;
  }
  ctx.log.info(vscode.l10n.t('Compose project {0}: {1}, container by container:', target.project, `docker compose -p ${target.project} ${action.composeVerb}`));
  const { done } = await actOnEach(ctx, accepted, action.cli, action.operation);
  return done;
}
