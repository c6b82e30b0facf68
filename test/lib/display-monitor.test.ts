import { afterEach, expect, test } from "vitest";
import * as display from "../../kernel-lib/display";
import type { DisplayMessage } from "../../kernel-lib/display";
import { type EpochLog, defaultMonitor } from "../../kernel-lib/train";

afterEach(() => display.setPublisher(undefined));

function record(): { message: DisplayMessage; update: boolean }[] {
  const sent: { message: DisplayMessage; update: boolean }[] = [];
  display.setPublisher((message, update) => sent.push({ message, update }));
  return sent;
}

const epoch = (e: number, loss: number, valLoss?: number): EpochLog => ({
  epoch: e, loss, accuracy: 1 - loss / 2, learningRate: 0.01, seconds: 1, samplesPerSec: 100,
  ...(valLoss !== undefined ? { valLoss, valAccuracy: 1 - valLoss / 2 } : {}),
});

test("history figure: loss and accuracy panels, validation dashed only when present", () => {
  const f = display.historyFigure([epoch(1, 1, 1.1), epoch(2, 0.5, 0.7)], "net");
  expect(f.data.map((t) => t.name)).toEqual(["loss", "val loss", "accuracy", "val accuracy"]);
  expect(f.data[1]).toMatchObject({ x: [1, 2], y: [1.1, 0.7], line: { dash: "dash" } });
  expect(f.data[2]).toMatchObject({ xaxis: "x2", yaxis: "y2", y: [0.5, 0.75] });
  expect(display.historyFigure([epoch(1, 1)]).data.map((t) => t.name)).toEqual(["loss", "accuracy"]);
});

test("in a kernel, fit's default monitor is the notebook monitor: one bar and one chart, updated in place", async () => {
  const sent = record();
  const m = defaultMonitor();
  await m.onTrainBegin?.({ name: "net", epochs: 2, startEpoch: 0, stepsPerEpoch: 10, samplesPerEpoch: 100, batchSize: 10, hasValidation: false });
  const [barId, chartId] = sent.map((s) => s.message.transient.display_id);
  expect(sent.map((s) => s.update)).toEqual([false, false]);
  expect(sent[1].message.data).toHaveProperty("application/vnd.plotly.v1+json");
  await m.onEpochEnd?.(epoch(1, 1), [epoch(1, 1)]);
  await m.onEpochEnd?.(epoch(2, 0.5), [epoch(1, 1), epoch(2, 0.5)]);
  await m.onTrainEnd?.({ epochsRun: 2, history: [epoch(1, 1), epoch(2, 0.5)] });
  expect(sent.slice(2).every((s) => s.update)).toBe(true);
  expect(new Set(sent.map((s) => s.message.transient.display_id))).toEqual(new Set([barId, chartId]));
  const lastBar = sent.filter((s) => s.message.transient.display_id === barId).pop()!;
  expect(lastBar.message.data["text/plain"]).toMatch(/^net  100% \[#+\] 20\/20 · epoch 2\/2 · loss 0\.5 · acc 0\.75 · .* \(done\)$/);
  const lastChart = sent.filter((s) => s.message.transient.display_id === chartId).pop()!;
  expect((lastChart.message.data["application/vnd.plotly.v1+json"] as { data: { y: number[] }[] }).data[0].y).toEqual([1, 0.5]);
});

test("outside a kernel, fit's default monitor prints log lines", () => {
  const m = defaultMonitor();
  expect(m.onProgress).toBeUndefined();
  expect(m.onEpochEnd).toBeDefined();
});
