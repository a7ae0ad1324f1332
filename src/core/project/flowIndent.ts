// PyYAML (what SAM and cfn-lint read templates with) accepts a flow collection whose continuation lines
// are indented no deeper than its key; the yaml library refuses it. This indents such lines so the
// template reads as SAM reads it. Only spaces are added, so line numbers stay the same.

/** The text with flow collections' continuation lines indented under their key; unchanged when none needed it. */
export function indentFlowContinuations(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  let keyIndent = 0;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (depth > 0) {
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== '' && indent <= keyIndent) {
        lines[i] = ' '.repeat(keyIndent + 2 - indent) + line;
        changed = true;
      }
    } else {
      keyIndent = line.length - line.trimStart().length;
    }
    depth = Math.max(0, depth + bracketBalance(line));
  }
  return changed ? lines.join('\n') : text;
}

// Opening minus closing flow brackets outside quotes and comments.
function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    else if (c === '[' || c === '{') balance++;
    else if (c === ']' || c === '}') balance--;
  }
  return balance;
}
