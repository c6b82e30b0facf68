// Layer 'display': rich notebook output (tables, images, Plotly charts, progress bars, text)
// for the tslab kernel, with plain-text fallbacks outside it. Builders (xxxBundle, xxxFigure)
// are pure; the show helpers send through publish.ts.
export * from "./publish";
export { escapeHtml, formatNumber, formatValue } from "./format";
export * from "./table";
export * from "./image";
export * from "./plotly";
export * from "./charts";
export * from "./progress";
export * from "./text";
export * from "./show";
export * from "./animation";
export * from "./monitor";
