// Turning values into short, readable strings, and making text safe inside HTML.

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for use in HTML content or in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Formats a number with `digits` significant digits, without exponent between 1e-4 and 1e6
 * (so 0.12345 -> "0.1235", 1234.5678 -> "1235", 3e-7 -> "3.000e-7"); integers stay exact.
 */
export function formatNumber(n: number, digits = 4): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "∞" : "-∞";
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return n.toExponential(digits - 1).replace("e+", "e");
  const decimals = Math.min(Math.max(digits - 1 - Math.floor(Math.log10(abs)), 0), 20);
  // Trailing zeros after the point add noise in tables: 0.5000 -> 0.5.
  return n.toFixed(decimals).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** Any cell value as text: numbers via formatNumber, null/undefined empty, objects as JSON. */
export function formatValue(value: unknown, digits = 4): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, digits);
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${Array.from(value as unknown as ArrayLike<number>, (v) => formatValue(v, digits)).join(", ")}]`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Plain text from a small HTML fragment (for the text/plain form of html outputs). */
export function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
