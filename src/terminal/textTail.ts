/**
 * The latest text written, at least `limit` characters of it (whole chunks): older chunks are
 * dropped, so a terminal that prints for hours keeps a bounded copy, and nothing is copied.
 */
export class TextTail {
  private readonly chunks: string[] = [];
  private length = 0;

  constructor(private readonly limit: number) {}

  push(text: string): void {
    this.chunks.push(text);
    this.length += text.length;
    while (this.length - this.chunks[0].length >= this.limit) {
      this.length -= this.chunks.shift()!.length;
    }
  }

  get text(): string {
    return this.chunks.join('');
  }
}
