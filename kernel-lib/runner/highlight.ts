// Simple TypeScript syntax highlighting for the HTML page: comments, strings, numbers, keywords.
// One regex pass; good enough to read a notebook cell, not a parser.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const KEYWORDS = new Set([
  "as", "async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete", "do", "else",
  "enum", "export", "extends", "false", "finally", "for", "from", "function", "if", "implements", "import", "in",
  "instanceof", "interface", "let", "new", "null", "of", "return", "static", "super", "switch", "this", "throw",
  "true", "try", "type", "typeof", "undefined", "var", "void", "while", "yield",
]);

const TOKEN = new RegExp(
  [
    String.raw`(?<comment>\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))`,
    String.raw`(?<string>"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|` + "`(?:[^`\\\\]|\\\\[\\s\\S])*`?)",
    String.raw`(?<number>\b(?:0[xX][\da-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?n?)\b)`,
    String.raw`(?<word>[A-Za-z_$][\w$]*)`,
  ].join("|"),
  "g",
);

export function highlightTypeScript(code: string): string {
  let html = "";
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    html += escapeHtml(code.slice(last, at));
    last = at + m[0].length;
    const g = m.groups ?? {};
    const kind = g.comment ? "c" : g.string ? "s" : g.number ? "n" : KEYWORDS.has(m[0]) ? "k" : undefined;
    html += kind ? `<span class="${kind}">${escapeHtml(m[0])}</span>` : escapeHtml(m[0]);
  }
  return html + escapeHtml(code.slice(last));
}
