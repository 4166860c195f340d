import type { PickItem, UserInterface } from '../../../src/commands/userInterface';
import type { DockerExplorerApi } from '../../../src/extension';
import { activateExtension } from './extension';

export interface Asked {
  kind: 'choose' | 'pick' | 'input' | 'info' | 'error' | 'open';
  message: string;
  detail?: string;
  options?: string[];
}

type Answer = string | undefined | ((asked: Asked, items?: PickItem<unknown>[]) => unknown);

/**
 * Stands in for the user: records every question a command asks and answers from a script.
 * A question the script did not expect fails the test with what was asked.
 */
export class ScriptedUi implements UserInterface {
  readonly asked: Asked[] = [];
  private readonly answers: Answer[] = [];

  /** Queue answers for choose/pick/input, in order; a function receives the question and items. */
  answer(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  /** Answers queued but not asked for yet: a test whose question never came should say so. */
  get unanswered(): number {
    return this.answers.length;
  }

  get messages(): Asked[] {
    return this.asked.filter((a) => a.kind === 'info' || a.kind === 'error');
  }

  private next(asked: Asked, items?: PickItem<unknown>[]): unknown {
    this.asked.push(asked);
    if (this.answers.length === 0) {
      throw new Error(`unexpected question (${asked.kind}): ${asked.message} ${asked.detail ?? ''} ${asked.options?.join(' | ') ?? ''}`);
    }
    const answer = this.answers.shift();
    return typeof answer === 'function' ? answer(asked, items) : answer;
  }

  async choose(message: string, detail: string, actions: string[]): Promise<string | undefined> {
    return this.next({ kind: 'choose', message, detail, options: actions }) as string | undefined;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async pick(items: PickItem<any>[], options: { placeHolder?: string; canPickMany?: boolean }): Promise<any> {
    const answer = this.next({ kind: 'pick', message: options.placeHolder ?? '', options: items.map((i) => i.label) }, items);
    if (answer === undefined) {
      return undefined;
    }
    // A string answer picks the items with that label (several, comma-separated, when canPickMany).
    if (typeof answer === 'string') {
      const labels = answer.split(',');
      const chosen = items.filter((i) => labels.includes(i.label)).map((i) => i.value);
      return options.canPickMany ? chosen : chosen[0];
    }
    return answer;
  }

  async input(options: { prompt?: string; title?: string; validateInput?: (v: string) => unknown }): Promise<string | undefined> {
    const answer = this.next({ kind: 'input', message: options.title ?? options.prompt ?? '' }) as string | undefined;
    if (answer !== undefined && options.validateInput) {
      const problem = await options.validateInput(answer);
      if (problem) {
        this.asked.push({ kind: 'error', message: `validation: ${typeof problem === 'string' ? problem : JSON.stringify(problem)}` });
        return undefined;
      }
    }
    return answer;
  }

  async info(message: string, ...actions: string[]): Promise<string | undefined> {
    this.asked.push({ kind: 'info', message, options: actions });
    return undefined;
  }

  async error(message: string, ...actions: string[]): Promise<string | undefined> {
    this.asked.push({ kind: 'error', message, options: actions });
    return undefined;
  }

  /** Records the address instead of opening a browser tab. */
  async openExternal(uri: { toString(skipEncoding?: boolean): string }): Promise<boolean> {
    this.asked.push({ kind: 'open', message: uri.toString(true) });
    return true;
  }
}

/** Puts a ScriptedUi in place for one test; returns it and a restore function. */
export function useScriptedUi(api: DockerExplorerApi): ScriptedUi & { restore(): void } {
  const original = api.commands.ui;
  const ui = new ScriptedUi() as ScriptedUi & { restore(): void };
  api.commands.ui = ui;
  ui.restore = () => {
    api.commands.ui = original;
  };
  return ui;
}

/**
 * The hooks every command suite needs: the extension active with its store settled, and a
 * fresh ScriptedUi in place for each test. `bind` receives them as they are made.
 */
export function commandSuiteHooks(bind: (api: DockerExplorerApi, ui: ReturnType<typeof useScriptedUi>) => void): void {
  let api: DockerExplorerApi;
  let lease: { dispose(): void } | undefined;
  before(async () => {
    api = await activateExtension();
    // The suite reads the store between commands: keep its stream running even with the views hidden.
    lease = api.lifetime.lease();
    await api.store.whenSettled();
  });
  after(() => lease?.dispose());
  let ui: ReturnType<typeof useScriptedUi>;
  beforeEach(() => {
    ui = useScriptedUi(api);
    bind(api, ui);
  });
  afterEach(function () {
    ui.restore();
    failUnlessAllAsked(this, ui);
  });
}

/**
 * Fails the test that just passed when answers it scripted were never asked for: a Cancel test
 * whose command never asked would otherwise pass. Used in an afterEach hook.
 */
export function failUnlessAllAsked(hook: Mocha.Context, ui: ScriptedUi): void {
  if (ui.unanswered > 0 && hook.currentTest?.state === 'passed') {
    const asked = ui.asked.map((a) => `${a.kind}: ${a.message}`).join('; ') || 'nothing';
    // Hook.error() fails the current test instead of the hook, so the rest of the suite still runs.
    (hook.test as Mocha.Hook | undefined)?.error(new Error(`${ui.unanswered} scripted answer(s) were never asked for; the command asked: ${asked}`));
  }
}
