// LaTeX math in the runner's HTML page: rendered to MathML when the page is written (temml),
// protected from the markdown parser, code and currency left alone, bad LaTeX shown as source.
import { describe, expect, it } from "vitest";
import { notebookToHtml } from "../../kernel-lib/runner/html";
import { extractMath, markdownToHtml } from "../../kernel-lib/runner/math";
import type { Notebook } from "../../kernel-lib/runner/notebook";

const page = (markdown: string): string =>
  notebookToHtml({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", source: markdown, metadata: {} }] }, "m");

/** The HTML of the page's cells, without the head (the math stylesheet has its own `$`-free text). */
const body = (html: string): string => html.slice(html.indexOf("<main>"), html.indexOf("</main>"));

describe("math in markdown", () => {
  it("renders inline and display math as MathML, leaving no raw $", () => {
    const html = body(page("Output size $W_{out} = \\lfloor (W - F + 2P)/S \\rfloor + 1$ for stride $S$:\n\n$$\\frac{W_{in} - F + 2P}{S} + 1$$\n"));
    expect(html.match(/<math\b/g)).toHaveLength(3);
    expect(html.match(/<math display="block"/g)).toHaveLength(1);
    expect(html).toContain("<mfrac>");
    expect(html).toMatch(/<msub><mi>W<\/mi><mrow><mi>o<\/mi><mi>u<\/mi><mi>t<\/mi><\/mrow><\/msub>/);
    // The TeX survives only as the annotation MathML carries for copy/paste and screen readers.
    expect(html.replace(/<annotation[^>]*>[^<]*<\/annotation>/g, "")).not.toContain("$");
    expect(html).not.toContain("CNNLABMATH");
  });

  it("keeps markdown's emphasis and escapes out of formulas", () => {
    // Unprotected, marked would read `_i * b_` as emphasis and `\{` as an escaped brace.
    const html = markdownToHtml("*Note*: $a_i * b_i$ and $\\{x\\} * y_j$ hold.");
    expect(html).toContain("<em>Note</em>");
    expect(html.match(/<em>/g)).toHaveLength(1);
    expect(html.match(/<msub>/g)).toHaveLength(3);
    expect(html).toMatch(/<mo [^>]*form="prefix"[^>]*>\{<\/mo><mi>x<\/mi>/);
  });

  it("leaves $ inside code spans and code blocks alone", () => {
    const md = [
      // `a$` b `$c` would pair its two $ into "math" if code spans were not skipped first.
      "Use `$x$` or ``a `$b$` c``, while $y$ is math; `a$` b `$c`.",
      "",
      "```ts",
      "const price = \"$5 and $6$\";",
      "```",
      "",
      "~~~",
      "$$ not math $$",
      "~~~",
      "",
      "    indented $z$ code",
    ].join("\n");
    const html = markdownToHtml(md);
    expect(html).toContain("Use <code>$x$</code> or <code>a `$b$` c</code>, while <math>");
    expect(html).toContain("<code>a$</code> b <code>$c</code>.");
    expect(html).toContain("const price = &quot;$5 and $6$&quot;;");
    expect(html).toContain("$$ not math $$");
    // An indented code block is not detected up front; its placeholder gets the source back.
    expect(html).toContain("<pre><code>indented $z$ code");
    expect(html.match(/<math\b/g)).toHaveLength(1);
    expect(html).toContain("<mi>y</mi>");
  });

  it("keeps currency and escaped dollars as text", () => {
    const html = markdownToHtml("It costs $5 and $10, US\\$3 more, or $20,000 in all.\n\nPrice: 4$ each, \\$x\\$ literally.");
    expect(html).not.toContain("<math");
    expect(html).toContain("It costs $5 and $10, US$3 more, or $20,000 in all.");
    expect(html).toContain("Price: 4$ each, $x$ literally.");
  });

  it("does not let a formula cross a paragraph break", () => {
    expect(extractMath("one $a\n\nb$ two").spans).toEqual([]);
    expect(extractMath("one $a\nb$ two").spans).toEqual([{ tex: "a\nb", display: false, source: "$a\nb$" }]);
  });

  it("shows a bad formula's source in a <code> titled with the error; the rest still renders", () => {
    const html = markdownToHtml("Broken $\\frac{a$ and $\\nosuchmacro x$, fine $b^2$.");
    const errors = [...html.matchAll(/<code class="math-error" title="([^"]*)">([^<]*)<\/code>/g)];
    expect(errors.map((m) => m[2])).toEqual(["$\\frac{a$", "$\\nosuchmacro x$"]);
    expect(errors[0][1]).toBe("LaTeX error: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{a");
    expect(errors[1][1]).toBe("LaTeX error: Unsupported function name: \\nosuchmacro at position 1");
    expect(html).toContain("<msup><mi>b</mi><mn>2</mn></msup>");
  });

  it("renders math in text/markdown outputs and adds the math stylesheet only to pages with math", () => {
    const withOutput: Notebook = {
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [{ cell_type: "code", source: "x", metadata: {}, outputs: [{ output_type: "display_data", data: { "text/markdown": "**loss** $= -\\log p$" }, metadata: {} }] }],
    };
    const html = notebookToHtml(withOutput, "o");
    expect(body(html)).toMatch(/<div class="markdown"><p><strong>loss<\/strong> <math>/);
    expect(html).toContain("url(data:font/woff2;base64,");
    expect(html).not.toContain("Temml.woff2')");
    expect(page("no formulas, $5 only")).not.toContain("<style>@font-face");
    expect(page("no formulas, $5 only")).not.toContain("math-error");
  });
});
