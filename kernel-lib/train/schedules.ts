// Learning-rate schedules, evaluated per batch from (epoch, batch): pure functions of the position
// in training, so a resumed run gets exactly the rate the uninterrupted run would have had.

export type Schedule =
  | { kind: "constant"; lr: number }
  /** lr * gamma^floor(epoch / everyEpochs) */
  | { kind: "step"; lr: number; everyEpochs: number; gamma?: number }
  /** Cosine from lr down to minLr over all epochs (per batch). */
  | { kind: "cosine"; lr: number; minLr?: number }
  /**
   * Smith's one-cycle: linear warm-up from maxLr/divFactor to maxLr over `warmupFraction` of the
   * steps, then cosine down to maxLr/finalDivFactor.
   */
  | { kind: "one-cycle"; maxLr: number; warmupFraction?: number; divFactor?: number; finalDivFactor?: number };

export interface SchedulePosition {
  epoch: number; // 0-based
  batch: number; // 0-based, within the epoch
  epochs: number;
  stepsPerEpoch: number;
}

function cosineBetween(from: number, to: number, t: number): number {
  return to + ((from - to) * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, t))))) / 2;
}

/** The learning rate at a position in training. */
export function learningRateAt(s: Schedule, p: SchedulePosition): number {
  const total = p.epochs * p.stepsPerEpoch;
  const step = p.epoch * p.stepsPerEpoch + p.batch;
  switch (s.kind) {
    case "constant":
      return s.lr;
    case "step":
      return s.lr * Math.pow(s.gamma ?? 0.1, Math.floor(p.epoch / s.everyEpochs));
    case "cosine":
      return cosineBetween(s.lr, s.minLr ?? 0, total <= 1 ? 0 : step / (total - 1));
    case "one-cycle": {
      const warm = Math.max(1, Math.round(total * (s.warmupFraction ?? 0.3)));
      const start = s.maxLr / (s.divFactor ?? 25);
      if (step < warm) return start + ((s.maxLr - start) * step) / warm;
      const end = s.maxLr / (s.finalDivFactor ?? 1e4);
      return cosineBetween(s.maxLr, end, total - warm <= 1 ? 1 : (step - warm) / (total - warm - 1));
    }
  }
}

/** True when the rate can change inside an epoch (so it must be set per batch). */
export function changesPerBatch(s: Schedule): boolean {
  return s.kind === "cosine" || s.kind === "one-cycle";
}

export function validateSchedule(s: Schedule): void {
  const lr = s.kind === "one-cycle" ? s.maxLr : s.lr;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`learning-rate schedule '${s.kind}': the rate must be a positive number, got ${lr}`);
  if (s.kind === "step" && !(s.everyEpochs >= 1)) throw new Error(`learning-rate schedule 'step': everyEpochs must be >= 1, got ${s.everyEpochs}`);
}
