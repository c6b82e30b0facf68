// A progress bar that redraws in place in the notebook (display_data once, then
// update_display_data on the same display_id), and prints throttled log lines elsewhere.
//
//   const bar = progress({ total: steps, label: "epoch 1" });
//   for (...) bar.update(step + 1, { loss });
//   bar.done({ loss });
import { escapeHtml, formatValue } from "./format";
import { display, richOutput, type DisplayHandle, type MimeBundle } from "./publish";

export type Metrics = Record<string, number | string>;

/** Everything a progress bar shows; progressBundle() renders it. */
export interface ProgressState {
  label: string;
  n: number;
  total?: number;
  metrics: Metrics;
  elapsedMs: number;
  done: boolean;
}

export interface ProgressOptions {
  /** Number of steps; without it only the count is shown. */
  total?: number;
  label?: string;
  /** Minimum time between redraws in a notebook (default 100 ms) ... */
  redrawMs?: number;
  /** ... and between log lines outside one (default 2000 ms). */
  logMs?: number;
  /** Clock in ms (tests inject a fake one). */
  now?: () => number;
}

export interface ProgressBar {
  /** Sets the count of finished steps and the latest metrics; redraws at most every redrawMs. */
  update(n: number, metrics?: Metrics): void;
  /** Final redraw (always shown); later updates are ignored. */
  done(metrics?: Metrics): void;
}

/** 3.2 s, 2 min 05 s, 1 h 02 min. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")} min`;
}

function fraction(s: ProgressState): number | undefined {
  return s.total && s.total > 0 ? Math.min(1, Math.max(0, s.n / s.total)) : undefined;
}

/** "370/1000 · loss 0.312 · 3.2 s, ~5.4 s left" */
function details(s: ProgressState): string {
  const parts = [s.total !== undefined ? `${s.n}/${s.total}` : `${s.n}`];
  for (const [k, v] of Object.entries(s.metrics)) parts.push(`${k} ${formatValue(v)}`);
  const f = fraction(s);
  const eta = !s.done && f !== undefined && f > 0 && f < 1 ? `, ~${formatDuration((s.elapsedMs * (1 - f)) / f)} left` : "";
  parts.push(`${formatDuration(s.elapsedMs)}${eta}`);
  return parts.join(" · ");
}

/** One line: "train  37% [#######.............] 370/1000 · loss 0.312 · 3.2 s, ~5.4 s left". */
export function progressLine(s: ProgressState): string {
  const f = fraction(s);
  const bar = f !== undefined ? `${String(Math.floor(f * 100)).padStart(3)}% [${"#".repeat(Math.round(f * 20)).padEnd(20, ".")}] ` : "";
  return `${s.label ? `${s.label}  ` : ""}${bar}${details(s)}${s.done ? " (done)" : ""}`;
}

/** The MIME bundle (text/html bar + text/plain line) of a progress state. */
export function progressBundle(s: ProgressState): MimeBundle {
  const f = fraction(s);
  const pct = f !== undefined ? `${Math.floor(f * 100)}%` : "";
  const bar =
    f !== undefined
      ? `<div style="width:240px;height:12px;background:#ddd;border-radius:3px;overflow:hidden">` +
        `<div style="width:${(f * 100).toFixed(1)}%;height:100%;background:${s.done ? "#3a9d5d" : "#4c8bf5"}"></div></div>`
      : "";
  const html =
    `<div class="cnnlab-progress" style="font:13px monospace;display:flex;align-items:center;gap:8px">` +
    `${s.label ? `<span>${escapeHtml(s.label)}</span>` : ""}${bar}<span>${pct} ${escapeHtml(details(s))}</span></div>`;
  return { "text/plain": progressLine(s), "text/html": html };
}

/** Starts a progress bar (shown at once in a notebook; outside one, logs a line every logMs). */
export function progress(opts: ProgressOptions = {}): ProgressBar {
  const now = opts.now ?? Date.now;
  const start = now();
  const state: ProgressState = { label: opts.label ?? "", n: 0, total: opts.total, metrics: {}, elapsedMs: 0, done: false };
  const rich = richOutput();
  const interval = rich ? (opts.redrawMs ?? 100) : (opts.logMs ?? 2000);
  const handle: DisplayHandle | undefined = rich ? display(progressBundle(state)) : undefined;
  let last = start;

  const draw = () => {
    last = now();
    state.elapsedMs = last - start;
    if (handle) handle.update(progressBundle(state));
    else console.log(progressLine(state));
  };

  return {
    update(n, metrics) {
      if (state.done) return;
      state.n = n;
      if (metrics) state.metrics = { ...state.metrics, ...metrics };
      if (now() - last >= interval) draw();
    },
    done(metrics) {
      if (state.done) return;
      if (metrics) state.metrics = { ...state.metrics, ...metrics };
      state.done = true;
      draw();
    },
  };
}
