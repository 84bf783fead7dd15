/** The format stage: LF line ends, no trailing spaces, exactly one final newline. */
export function formatOutput(text: string): string {
  const lf = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  // Emitters rarely leave trailing spaces: a fixed-width search finds out (a `[ \t]+\n` replace backtracks
  // through every indentation run of the file).
  const spaced = /[ \t]\n/.test(lf) ? lf.split("\n").map(trimRight).join("\n") : lf;
  const trimmed = trimRight(spaced).replace(/\n{3,}/g, "\n\n");
  let end = trimmed.length;
  while (end > 0 && trimmed.charCodeAt(end - 1) === 0x0a) end--;
  return `${trimmed.slice(0, end)}\n`;
}

function trimRight(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
  return end === line.length ? line : line.slice(0, end);
}
