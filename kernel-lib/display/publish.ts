// Sending rich output: a MIME bundle goes to the running tslab kernel as display_data (or
// update_display_data on an existing display_id); outside a kernel its text/plain form is
// printed. Everything else in this layer only BUILDS bundles (pure, testable) and calls
// display() here.
import { createRequire } from "node:module";

/** MIME type -> value: strings (base64 for binary types) or JSON objects. Always has text/plain. */
export type MimeBundle = { "text/plain": string } & Record<string, unknown>;

/** The content of a Jupyter display_data / update_display_data message. */
export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id: string };
}

/** Sends one message; `update` = replace the output that has the same display_id. */
export type Publisher = (message: DisplayMessage, update: boolean) => void;

let injected: Publisher | undefined;

/**
 * Routes every display through `publisher` (tests use a fake that records the messages);
 * undefined restores the default (the tslab kernel when running in one, else plain text).
 * Returns the previous injected publisher.
 */
export function setPublisher(publisher: Publisher | undefined): Publisher | undefined {
  const previous = injected;
  injected = publisher;
  return previous;
}

// tslab sets `lastWriteDisplayData` on its already-loaded jupyter module when it runs a cell.
// We look for that module in the require cache rather than require() it, so that outside a
// kernel we never load tslab (and its zeromq binding) just to find out we are not in one.
const TSLAB_JUPYTER = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;
type TslabJupyter = { lastWriteDisplayData?: Publisher | null };
let tslabModule: TslabJupyter | undefined;

function tslabWriter(): Publisher | undefined {
  if (!tslabModule) {
    // Any require function shares the one module cache; the base path only matters for resolving.
    const cache = createRequire(`${process.cwd()}/`).cache;
    for (const key of Object.keys(cache)) {
      if (TSLAB_JUPYTER.test(key)) {
        tslabModule = cache[key]?.exports as TslabJupyter;
        break;
      }
    }
  }
  return tslabModule?.lastWriteDisplayData ?? undefined;
}

/** The publisher in effect: the injected one, else tslab's, else undefined (plain text). */
export function currentPublisher(): Publisher | undefined {
  return injected ?? tslabWriter();
}

/** True when rich output goes somewhere (a tslab kernel or an injected publisher). */
export function richOutput(): boolean {
  return currentPublisher() !== undefined;
}

// A random per-process prefix keeps ids unique when a notebook keeps outputs from earlier runs.
const idPrefix = `cnnlab-${Math.random().toString(36).slice(2, 8)}`;
let idCounter = 0;

/** A fresh display_id (also usable as an HTML element id). */
export function newDisplayId(kind = "out"): string {
  return `${idPrefix}-${kind}-${++idCounter}`;
}

/** An output that can be replaced in place. */
export interface DisplayHandle {
  readonly id: string;
  /** Replaces the output with a new bundle (update_display_data; outside a kernel, prints it). */
  update(bundle: MimeBundle): void;
}

function send(bundle: MimeBundle, id: string, update: boolean): void {
  const publisher = currentPublisher();
  if (publisher) publisher({ data: bundle, metadata: {}, transient: { display_id: id } }, update);
  else console.log(bundle["text/plain"]);
}

/** Shows a bundle as a new output and returns a handle to update it in place. */
export function display(bundle: MimeBundle, id: string = newDisplayId()): DisplayHandle {
  send(bundle, id, false);
  return { id, update: (next) => send(next, id, true) };
}
