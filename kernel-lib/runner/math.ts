// Markdown with LaTeX math ($...$ inline, $$...$$ display) as HTML with MathML, rendered here by
// temml: browsers draw MathML Core natively, so the page needs no MathJax, CDN or script.
// Math is cut out before the markdown parser sees it (its _ * \ would turn into emphasis and
// escapes), replaced by placeholders, and put back as MathML afterwards.
import * as fs from "node:fs";
import { marked } from "marked";
import temml from "temml";
import { escapeHtml } from "./highlight";

export interface MathSpan {
  /** The formula without its delimiters. */
  tex: string;
  display: boolean;
  /** As written in the markdown, delimiters included: shown when the formula cannot be rendered. */
  source: string;
}

// Pandoc's rules, which keep currency ("$5 and $10") as text: the opening $ is not followed by a
// space, the closing $ not preceded by one nor followed by a digit. `\$` inside math is part of it;
// a formula never crosses a blank line (a paragraph break).
const CONTENT = String.raw`(?:\\[\s\S]|(?!\n[ \t]*\n)[^\\$])`;
const DISPLAY = new RegExp(String.raw`\$\$(${CONTENT}+?)\$\$`, "y");
const INLINE = new RegExp(String.raw`\$(?![\s$])(${CONTENT}+?)(?<!\s)\$(?!\d)`, "y");
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const PARAGRAPH_END = /\n[ \t]*\n/g;

// Letters and digits only, so the markdown parser passes it through unchanged.
const placeholder = (i: number) => `CNNLABMATH${i}Q`;
const PLACEHOLDER_OR_CODE_TAG = /<code\b[^>]*>|<\/code>|CNNLABMATH(\d+)Q/g;

/** Index where the paragraph holding `from` ends (a code span cannot cross it either). */
function paragraphEnd(text: string, from: number): number {
  PARAGRAPH_END.lastIndex = from;
  return PARAGRAPH_END.exec(text)?.index ?? text.length;
}

/** Math in a stretch of markdown outside fenced code; code spans and `\` escapes stay as they are. */
function extractInline(text: string, spans: MathSpan[]): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") {
      out += text.slice(i, i + 2);
      i += 2;
    } else if (ch === "`") {
      const run = /`+/y;
      run.lastIndex = i;
      const ticks = run.exec(text)![0];
      // A code span closes at the next run of exactly as many backticks in the same paragraph.
      const close = new RegExp(String.raw`(?<!\`)${ticks}(?!\`)`, "g");
      close.lastIndex = i + ticks.length;
      const m = close.exec(text);
      const end = m && m.index < paragraphEnd(text, i) ? m.index + ticks.length : i + ticks.length;
      out += text.slice(i, end);
      i = end;
    } else if (ch === "$") {
      let m: RegExpExecArray | null = null;
      let display = false;
      for (const [re, isDisplay] of [[DISPLAY, true], [INLINE, false]] as const) {
        re.lastIndex = i;
        m = re.exec(text);
        if (m) {
          display = isDisplay;
          break;
        }
      }
      if (m) {
        out += placeholder(spans.length);
        spans.push({ tex: m[1].trim(), display, source: m[0] });
        i += m[0].length;
      } else {
        out += ch;
        i += 1;
      }
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** The markdown with every formula replaced by a placeholder, and the formulas in order. */
export function extractMath(markdown: string): { text: string; spans: MathSpan[] } {
  const spans: MathSpan[] = [];
  const lines = markdown.split("\n");
  const parts: string[] = [];
  let prose: string[] = [];
  const flushProse = () => {
    if (prose.length > 0) parts.push(extractInline(prose.join("\n"), spans));
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) {
      prose.push(lines[i]);
      continue;
    }
    // Fenced code block: copied untouched up to its closing fence (or the end of the cell).
    flushProse();
    const fence = open[1];
    const closing = new RegExp(String.raw`^ {0,3}${fence[0]}{${fence.length},}[ \t]*$`);
    let j = i + 1;
    while (j < lines.length && !closing.test(lines[j])) j++;
    parts.push(lines.slice(i, j + 1).join("\n"));
    i = j;
  }
  flushProse();
  return { text: parts.join("\n"), spans };
}

/** One formula as MathML; a LaTeX error gives its source in a <code> whose title says what is wrong. */
export function renderMath(span: MathSpan): string {
  try {
    return temml.renderToString(span.tex, { displayMode: span.display, throwOnError: true, annotate: true });
  } catch (err) {
    // temml's message: what is wrong, then a line repeating the formula with combining underlines.
    const why = (err instanceof Error ? err.message : String(err)).trim().split("\n")[0].replace(/:\s*$/, "");
    return `<code class="math-error" title="LaTeX error: ${escapeHtml(why)}">${escapeHtml(span.source)}</code>`;
  }
}

/** Markdown (a notebook's markdown cell or text/markdown output) as HTML, math as MathML. */
export function markdownToHtml(markdown: string): string {
  const { text, spans } = extractMath(markdown);
  const html = marked.parse(text, { async: false });
  if (spans.length === 0) return html;
  // A placeholder that ended up inside code (an indented code block) gets its source back.
  let inCode = 0;
  return html.replace(PLACEHOLDER_OR_CODE_TAG, (match: string, index: string | undefined) => {
    if (index === undefined) {
      inCode = Math.max(0, inCode + (match.startsWith("</") ? -1 : 1));
      return match;
    }
    const span = spans[Number(index)];
    if (span === undefined) return match;
    return inCode > 0 ? escapeHtml(span.source) : renderMath(span);
  });
}

/** True when the HTML holds rendered math, so the page needs mathStyle(). */
export function hasMath(html: string): boolean {
  return /<math\b|class="math-error"/.test(html);
}

let style: string | undefined;

/**
 * temml's stylesheet (spacing, Chromium/Firefox fixes) with its small script-capitals font inlined
 * as a data URI, so the page stays self-contained; formulas use the system's math font.
 */
export function mathStyle(): string {
  if (style === undefined) {
    const dist = require.resolve("temml").replace(/[^/\\]+$/, "");
    const font = fs.readFileSync(`${dist}Temml.woff2`).toString("base64");
    const fontUrl = /url\(['"]?Temml\.woff2['"]?\)/g;
    let css = fs.readFileSync(`${dist}Temml-Local.css`, "utf8");
    if (css.search(fontUrl) < 0) throw new Error(`${dist}Temml-Local.css: no url(Temml.woff2) left to inline; temml's stylesheet changed`);
    css = css.replace(fontUrl, `url(data:font/woff2;base64,${font})`);
    style = [
      css,
      // Debian's fonts-dejavu-extra math font where Cambria/STIX Two/Noto Sans Math are missing.
      'math { font-family: "Cambria Math", "STIX Two Math", "Latin Modern Math", "Noto Sans Math", "DejaVu Math TeX Gyre", math; }',
      ".math-error { color: #b00; border-bottom: 1px dotted #b00; cursor: help; }",
    ].join("\n");
  }
  return style;
}
