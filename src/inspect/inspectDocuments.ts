import * as vscode from 'vscode';
import { maskInspectSecrets } from '../docker/maskSecrets';
import type { DockerService } from '../docker/service';

export type InspectKind = 'container' | 'image' | 'volume' | 'network';

export const inspectScheme = 'docker-explorer-inspect';

/**
 * Read-only JSON documents of `docker inspect`, one scheme shared by containers, images and
 * volumes: `docker-explorer-inspect:/container/<id>/web.inspect.json`. Commands hand in the
 * answer they fetched; a document reopened later (a restored editor) is fetched again.
 */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly service: DockerService) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(inspectScheme, this);
  }

  static uri(kind: InspectKind, id: string, title: string): vscode.Uri {
    const file = `${title.replace(/[/\\]/g, '_')}.inspect.json`;
    return vscode.Uri.from({ scheme: inspectScheme, path: `/${kind}/${encodeURIComponent(id)}/${file}` });
  }

  /** Shows `answer` (secrets masked) as `<title>.inspect.json`; the same object reuses its editor. */
  async show(kind: InspectKind, id: string, title: string, answer: unknown): Promise<vscode.TextDocument> {
    const uri = InspectDocuments.uri(kind, id, title);
    this.texts.set(uri.toString(), format(answer));
    this.changed.fire(uri);
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) {
      return known;
    }
    const [, kind, id] = uri.path.split('/');
    const name = decodeURIComponent(id ?? '');
    try {
      const answer =
        kind === 'container'
          ? await this.service.inspectContainer(name)
          : kind === 'image'
            ? await this.service.inspectImage(name)
            : kind === 'network'
              ? await this.service.inspectNetwork(name)
              : await this.service.inspectVolume(name);
      const text = format(answer);
      this.texts.set(uri.toString(), text);
      return text;
    } catch (err) {
      return JSON.stringify({ error: (err as Error).message }, null, 2);
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

function format(answer: unknown): string {
  return `${JSON.stringify(maskInspectSecrets(answer), null, 2)}\n`;
}
