// The live training monitor for notebooks (implements train's TrainingMonitor): one progress
// bar for the whole run and loss/accuracy curves redrawn in place after each epoch. Loading
// this module makes it fit()'s default monitor inside a kernel (log lines elsewhere).
import { type EpochLog, type TrainingMonitor, logLineMonitor, setDefaultMonitorFactory } from "../train";
import { type Figure, type LiveChart, livePlot } from "./plotly";
import { type Metrics, type ProgressBar, progress } from "./progress";
import { richOutput } from "./publish";
import { text } from "./text";

/** Loss (left) and accuracy (right) per epoch, training and validation. */
export function historyFigure(history: readonly EpochLog[], title?: string): Figure {
  const epochs = history.map((h) => h.epoch);
  const hasVal = history.some((h) => h.valLoss !== undefined);
  const line = (name: string, y: (number | undefined)[], axis: 1 | 2, dash: boolean) => ({
    type: "scatter",
    mode: "lines+markers",
    name,
    x: epochs,
    y: y.map((v) => v ?? null),
    ...(axis === 2 ? { xaxis: "x2", yaxis: "y2" } : {}),
    line: { color: name.includes("loss") ? "#1f77b4" : "#2ca02c", ...(dash ? { dash: "dash" } : {}) },
  });
  const data = [
    line("loss", history.map((h) => h.loss), 1, false),
    ...(hasVal ? [line("val loss", history.map((h) => h.valLoss), 1, true)] : []),
    line("accuracy", history.map((h) => h.accuracy), 2, false),
    ...(hasVal ? [line("val accuracy", history.map((h) => h.valAccuracy), 2, true)] : []),
  ];
  const layout = {
    ...(title ? { title: { text: title } } : {}),
    height: 340,
    margin: { t: title ? 50 : 20, r: 20, b: 50, l: 60 },
    xaxis: { domain: [0, 0.45], title: { text: "epoch" }, dtick: 1 },
    yaxis: { title: { text: "loss" } },
    xaxis2: { domain: [0.55, 1], title: { text: "epoch" }, anchor: "y2", dtick: 1 },
    yaxis2: { title: { text: "accuracy" }, anchor: "x2", range: [0, 1] },
  };
  return { data, layout };
}

/** A monitor that draws a progress bar and live curves in the notebook. */
export function notebookMonitor(): TrainingMonitor {
  let bar: ProgressBar | undefined;
  let chart: LiveChart | undefined;
  let name = "";
  let stepsPerEpoch = 0;
  let startEpoch = 0;
  let epochs = 0;
  const stepOf = (epoch: number, batch: number) => (epoch - 1 - startEpoch) * stepsPerEpoch + batch;

  return {
    onTrainBegin(info) {
      ({ name, stepsPerEpoch, startEpoch, epochs } = info);
      bar = progress({ total: (info.epochs - startEpoch) * stepsPerEpoch, label: name });
      chart = livePlot(historyFigure([], name));
    },
    onProgress(p) {
      bar?.update(stepOf(p.epoch, p.batch), { epoch: `${p.epoch}/${p.epochs}`, loss: p.loss, acc: p.accuracy, "samples/s": Math.round(p.samplesPerSec) });
    },
    onEpochEnd(log, history) {
      const val: Metrics = log.valLoss !== undefined ? { "val loss": log.valLoss, "val acc": log.valAccuracy ?? NaN } : {};
      bar?.update(stepOf(log.epoch, stepsPerEpoch), { epoch: `${log.epoch}/${epochs}`, loss: log.loss, acc: log.accuracy, ...val });
      chart?.update(historyFigure(history, name));
    },
    onTrainEnd(info) {
      const last = info.history[info.history.length - 1];
      bar?.done(last ? { epoch: `${last.epoch}/${epochs}`, loss: last.loss, acc: last.accuracy } : {});
      if (info.history.length > 0) chart?.update(historyFigure(info.history, name));
      if (info.stopReason) text(`${name}: stopped after ${info.epochsRun} epochs: ${info.stopReason}`);
    },
  };
}

setDefaultMonitorFactory(() => (richOutput() ? notebookMonitor() : logLineMonitor()));
