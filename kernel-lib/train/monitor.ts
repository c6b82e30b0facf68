// What `fit` reports while it runs. `train` sits below `display` in the layering, so it only
// defines this interface; display's notebook monitor implements it and registers itself as the
// default with setDefaultMonitorFactory when the display layer is loaded.

export interface TrainBeginInfo {
  /** A label for titles, e.g. "LeNet-5 on MNIST". */
  name: string;
  epochs: number;
  /** 0 unless resuming: the number of epochs already done. */
  startEpoch: number;
  stepsPerEpoch: number;
  samplesPerEpoch: number;
  batchSize: number;
  hasValidation: boolean;
}

/** Emitted a few times a second (never per batch: reading the loss forces a device sync). */
export interface BatchProgress {
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** Batches done in this epoch. */
  batch: number;
  batches: number;
  /** Running means over this epoch so far. */
  loss: number;
  accuracy: number;
  learningRate: number;
  samplesPerSec: number;
  /** Seconds left for the whole run, from this epoch's speed. */
  etaSeconds: number;
}

/** One row of the history, one per epoch. */
export interface EpochLog {
  /** 1-based. */
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  /** The rate at the epoch's last batch. */
  learningRate: number;
  seconds: number;
  samplesPerSec: number;
}

export interface TrainEndInfo {
  epochsRun: number;
  /** Why training ended before `epochs`, if it did. */
  stopReason?: string;
  history: readonly EpochLog[];
}

export interface TrainingMonitor {
  onTrainBegin?(info: TrainBeginInfo): void | Promise<void>;
  onProgress?(p: BatchProgress): void | Promise<void>;
  onEpochEnd?(log: EpochLog, history: readonly EpochLog[]): void | Promise<void>;
  onTrainEnd?(info: TrainEndInfo): void | Promise<void>;
}

/** A user callback: a monitor that may also ask fit to stop after the current epoch. */
export interface TrainingCallback extends TrainingMonitor {
  /** Return a reason string to stop training after this epoch. */
  shouldStop?(log: EpochLog, history: readonly EpochLog[]): string | undefined;
}

export type MonitorFactory = () => TrainingMonitor;

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** One plain line per epoch: the monitor outside a notebook kernel. */
export function formatEpochLine(log: EpochLog, epochs: number): string {
  const val = log.valLoss === undefined ? "" : `  val_loss ${log.valLoss.toFixed(4)}  val_acc ${pct(log.valAccuracy ?? NaN)}`;
  return (
    `epoch ${String(log.epoch).padStart(String(epochs).length)}/${epochs}  loss ${log.loss.toFixed(4)}  acc ${pct(log.accuracy)}${val}` +
    `  lr ${log.learningRate.toPrecision(3)}  ${log.seconds.toFixed(1)} s  ${Math.round(log.samplesPerSec)} samples/s`
  );
}

export function logLineMonitor(write: (line: string) => void = (l) => console.log(l)): TrainingMonitor {
  let epochs = 0;
  return {
    onTrainBegin(info) {
      epochs = info.epochs;
      const from = info.startEpoch > 0 ? `, resuming after epoch ${info.startEpoch}` : "";
      write(`${info.name}: ${info.epochs} epochs x ${info.stepsPerEpoch} batches of ${info.batchSize} (${info.samplesPerEpoch} samples)${from}`);
    },
    onEpochEnd(log) {
      write(formatEpochLine(log, epochs));
    },
    onTrainEnd(info) {
      if (info.stopReason) write(`stopped: ${info.stopReason}`);
    },
  };
}

let defaultFactory: MonitorFactory = () => logLineMonitor();

/** Called by the display layer on load so notebooks get the live monitor without train importing display. */
export function setDefaultMonitorFactory(factory: MonitorFactory): void {
  defaultFactory = factory;
}

export function defaultMonitor(): TrainingMonitor {
  return defaultFactory();
}
