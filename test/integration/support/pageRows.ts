// A page row ("Containers 101 to 103") as a user meets it: brought into view, then expanded with a click.
import type * as vscode from 'vscode';
import { ui, waitFor } from './uiBridge';

/**
 * Reveals a page row and waits for it on the page, collapsed; returns its row's selector. VS Code may
 * still be fetching the rows of the last refreshes: reveal is tried again until it knows the row.
 */
export async function pageRowOnPage<T>(view: vscode.TreeView<T>, page: T, label: string): Promise<string> {
  await waitFor(
    () =>
      Promise.resolve(view.reveal(page, { select: false, focus: false })).then(
        () => true,
        () => false,
      ),
    'the page row revealed',
    20_000,
  );
  const selector = `.monaco-list-row[aria-label="${label}"]`;
  await waitFor(async () => (await ui.attributes(selector, 'aria-expanded')).join() === 'false', 'the page row on the page, collapsed', 20_000);
  return selector;
}

/** Clicks a row on the page and waits for it to show expanded. */
export async function expandOnPage(selector: string): Promise<void> {
  await ui.click(selector);
  await waitFor(async () => (await ui.attributes(selector, 'aria-expanded')).join() === 'true', 'the page row expanded on the page', 20_000);
}
