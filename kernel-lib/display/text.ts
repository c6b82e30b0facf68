// Prose and markup outputs.
import { stripTags } from "./format";
import { display, type MimeBundle } from "./publish";

export function htmlBundle(html: string): MimeBundle {
  return { "text/plain": stripTags(html), "text/html": html };
}

export function markdownBundle(markdown: string): MimeBundle {
  return { "text/plain": markdown, "text/markdown": markdown };
}

/** Shows an HTML fragment (its text, tags stripped, outside a notebook). */
export function html(fragment: string): void {
  display(htmlBundle(fragment));
}

/** Shows Markdown (rendered by the notebook; printed as is elsewhere). */
export function markdown(source: string): void {
  display(markdownBundle(source));
}

/** Shows plain text as one output (unlike console.log, it can be part of a rich display). */
export function text(value: string): void {
  display({ "text/plain": value });
}
