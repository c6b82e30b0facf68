// The training history as a nodejs-polars DataFrame: one row per epoch (write it with .writeCSV(path)).
import pl from "nodejs-polars";
import type { EpochLog } from "./monitor";

export function historyFrame(rows: readonly EpochLog[]): pl.DataFrame {
  const hasVal = rows.some((r) => r.valLoss !== undefined);
  const cols: Record<string, number[]> = {
    epoch: rows.map((r) => r.epoch),
    loss: rows.map((r) => r.loss),
    accuracy: rows.map((r) => r.accuracy),
  };
  if (hasVal) {
    cols.val_loss = rows.map((r) => r.valLoss ?? NaN);
    cols.val_accuracy = rows.map((r) => r.valAccuracy ?? NaN);
  }
  cols.learning_rate = rows.map((r) => r.learningRate);
  cols.seconds = rows.map((r) => r.seconds);
  cols.samples_per_sec = rows.map((r) => r.samplesPerSec);
  return pl.DataFrame(cols).withColumn(pl.col("epoch").cast(pl.Int32));
}
