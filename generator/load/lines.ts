// Where each line of a text starts, and the `line:col` of an offset: shared by the JSON and YAML
// locators and the messages that point into a file's text.

export class LineStarts {
  /** The offset where each line starts (the first is 0). */
  readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of an offset (binary search over the line starts). */
  lineCol(offset: number): { line: number; col: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }
}
