/** The format stage: LF line ends, no trailing spaces, exactly one final newline. */
export function formatOutput(text: string): string {
  const lf = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  const trimmed = lf.replace(/[ \t]+(?=\n|$)/g, "").replace(/\n{3,}/g, "\n\n");
  let end = trimmed.length;
  while (end > 0 && trimmed.charCodeAt(end - 1) === 0x0a) end--;
  return `${trimmed.slice(0, end)}\n`;
}
