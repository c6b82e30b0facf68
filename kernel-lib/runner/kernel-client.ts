// A Jupyter client for one tslab kernel process: starts it, waits until it is really ready,
// executes code, interrupts, notices when it dies, and always shuts it down.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as zmq from "zeromq";
import { TSLAB_SCRIPT } from "./paths";
import { decode, encode, type JsonObject, type Message, newMessage } from "./wire";

export interface KernelOptions {
  /** The kernel's working directory (a notebook's own folder, so relative paths match Jupyter). */
  cwd: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** How long start-up may take before giving up. */
  startTimeoutMs?: number;
}

export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type ExecuteOutcome =
  | { status: "ok" | "error" | "abort"; executionCount?: number; reply: JsonObject }
  | { status: "timeout"; executionCount?: number; heartbeat: boolean }
  | { status: "died"; exit: KernelExit };

type Waiter = (msg: Message) => void;

const TAIL_BYTES = 4000;

/** The kernel process ended; `exit` says how. */
export class KernelDiedError extends Error {
  constructor(readonly exit: KernelExit, detail: string) {
    super(`kernel died (${describeExit(exit)})${detail ? `: ${detail}` : ""}`);
  }
}

export function describeExit(exit: KernelExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

async function freePorts(count: number): Promise<number[]> {
  // Hold all servers open until every port is known so the OS cannot hand out one twice.
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer();
      s.once("error", reject);
      s.listen(0, "127.0.0.1", () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class KernelClient {
  private readonly session = randomUUID();
  private readonly shellWaiters = new Map<string, Waiter>();
  private readonly iopubListeners = new Map<string, Waiter>();
  private readonly exitWatchers = new Set<(exit: KernelExit) => void>();
  private statusSeen = false;
  private output = "";
  private exitInfo: KernelExit | undefined;
  private closed = false;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly key: string,
    private readonly dir: string,
    private readonly shell: zmq.Dealer,
    private readonly control: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
    private readonly hbAddress: string,
  ) {
    const keep = (chunk: Buffer) => { this.output = (this.output + chunk.toString("utf8")).slice(-TAIL_BYTES); };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    proc.on("exit", (code, signal) => {
      this.exitInfo = { code, signal };
      for (const w of this.exitWatchers) w(this.exitInfo);
    });
    void this.pump(shell, (msg) => this.shellWaiters.get(msg.parent_header.msg_id ?? "")?.(msg));
    void this.pump(control, (msg) => this.shellWaiters.get(msg.parent_header.msg_id ?? "")?.(msg));
    void this.pump(iopub, (msg) => {
      if (msg.header.msg_type === "status") this.statusSeen = true;
      this.iopubListeners.get(msg.parent_header.msg_id ?? "")?.(msg);
    });
  }

  /** Starts `tslab kernel` and resolves once it answers kernel_info and its iopub reaches us. */
  static async start(opts: KernelOptions): Promise<KernelClient> {
    if (!fs.existsSync(TSLAB_SCRIPT)) throw new Error(`tslab not installed: ${TSLAB_SCRIPT} is missing (run npm install)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cnnlab-kernel-"));
    const key = randomBytes(32).toString("hex");
    const [shellPort, iopubPort, stdinPort, controlPort, hbPort] = await freePorts(5);
    const ip = "127.0.0.1";
    const connection = {
      transport: "tcp", ip, key, signature_scheme: "hmac-sha256", kernel_name: "tslab",
      shell_port: shellPort, iopub_port: iopubPort, stdin_port: stdinPort, control_port: controlPort, hb_port: hbPort,
    };
    const configPath = path.join(dir, "connection.json");
    fs.writeFileSync(configPath, JSON.stringify(connection), { mode: 0o600 });

    const proc = spawn(process.execPath, [TSLAB_SCRIPT, "kernel", "--config-path", configPath], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const spawnError = new Promise<Error>((resolve) => proc.once("error", resolve));
    const addr = (port: number) => `tcp://${ip}:${port}`;
    const shell = new zmq.Dealer({ linger: 0 });
    const control = new zmq.Dealer({ linger: 0 });
    const iopub = new zmq.Subscriber({ linger: 0 });
    shell.connect(addr(shellPort));
    control.connect(addr(controlPort));
    iopub.connect(addr(iopubPort));
    iopub.subscribe();
    // The stdin channel is not connected: cells run with allow_stdin=false and tslab never reads it.
    const client = new KernelClient(proc, key, dir, shell, control, iopub, addr(hbPort));
    try {
      await Promise.race([
        client.waitReady(opts.startTimeoutMs ?? 60_000),
        spawnError.then((e) => { throw new Error(`could not start tslab kernel: ${e.message}`); }),
      ]);
    } catch (e) {
      await client.shutdown();
      throw e;
    }
    return client;
  }

  /** The last few KB the kernel process printed outside cells (start-up failures land here). */
  get processOutput(): string {
    return this.output.trim();
  }

  get exit(): KernelExit | undefined {
    return this.exitInfo;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  private async pump(sock: zmq.Dealer | zmq.Subscriber, route: (msg: Message) => void): Promise<void> {
    try {
      for await (const frames of sock) {
        let msg: Message;
        try {
          msg = decode(this.key, frames);
        } catch (e) {
          console.error(`cnnlab: ignoring a kernel message: ${(e as Error).message}`);
          continue;
        }
        route(msg);
      }
    } catch (e) {
      // Closing the socket ends the loop with an error; anything else is worth a line.
      if (!this.closed) console.error(`cnnlab: kernel socket failed: ${(e as Error).message}`);
    }
  }

  /**
   * tslab's start-up race: iopub messages are dropped until our subscription reaches the kernel,
   * so keep asking kernel_info until a reply AND a status message (from iopub) have arrived.
   */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let replied = false;
    while (Date.now() < deadline) {
      if (this.exitInfo) throw new KernelDiedError(this.exitInfo, `during start-up${this.output ? `\n${this.processOutput}` : ""}`);
      const msg = newMessage("kernel_info_request", this.session, {});
      const reply = this.request(this.shell, msg);
      const got: boolean = await Promise.race([reply.then(() => true), sleep(replied ? 100 : 500).then(() => false)]);
      this.shellWaiters.delete(msg.header.msg_id);
      replied ||= got;
      if (replied && this.statusSeen) return;
    }
    throw new Error(`tslab kernel did not become ready within ${Math.round(timeoutMs / 1000)} s${this.output ? `:\n${this.processOutput}` : ""}`);
  }

  private request(sock: zmq.Dealer, msg: Message): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      this.shellWaiters.set(msg.header.msg_id, (reply) => {
        this.shellWaiters.delete(msg.header.msg_id);
        resolve(reply);
      });
      sock.send(encode(this.key, msg)).catch(reject);
    });
  }

  private untilExit(): { promise: Promise<KernelExit>; cancel: () => void } {
    let watcher: (exit: KernelExit) => void = () => {};
    const promise = new Promise<KernelExit>((resolve) => {
      if (this.exitInfo) return resolve(this.exitInfo);
      watcher = resolve;
      this.exitWatchers.add(watcher);
    });
    return { promise, cancel: () => this.exitWatchers.delete(watcher) };
  }

  /**
   * Runs `code`; every iopub message the request causes goes to `onIopub`. Resolves when the reply
   * and the kernel's "idle" status are both in, when `timeoutMs` passes (the cell is then interrupted:
   * SIGINT, which tslab turns into an error in the awaited cell), or when the kernel process exits.
   */
  async execute(code: string, timeoutMs: number, onIopub: (msg: Message) => void): Promise<ExecuteOutcome> {
    if (this.exitInfo) return { status: "died", exit: this.exitInfo };
    const msg = newMessage("execute_request", this.session, {
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    });
    const id = msg.header.msg_id;
    let markIdle: () => void = () => {};
    const idle = new Promise<void>((r) => { markIdle = r; });
    this.iopubListeners.set(id, (m) => {
      if (m.header.msg_type === "status" && m.content.execution_state === "idle") markIdle();
      else onIopub(m);
    });
    const exit = this.untilExit();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((r) => { timer = setTimeout(() => r("timeout"), timeoutMs); });
    try {
      const reply = this.request(this.shell, msg);
      const first = await Promise.race([reply, timedOut, exit.promise.then((e) => ({ died: e }))]);
      if (first === "timeout") {
        const heartbeat = await this.heartbeat(1000);
        this.interrupt();
        // Give the interrupted cell a moment to report (its error text arrives on iopub).
        const after = await Promise.race([reply, sleep(2000).then(() => undefined), exit.promise.then(() => undefined)]);
        return { status: "timeout", heartbeat, executionCount: after ? (after.content.execution_count as number | undefined) : undefined };
      }
      if ("died" in first) return { status: "died", exit: first.died };
      // iopub and shell are separate sockets: wait (briefly) for the idle status so no output is lost.
      await Promise.race([idle, sleep(2000), exit.promise]);
      const status = first.content.status as "ok" | "error" | "abort";
      return { status, executionCount: first.content.execution_count as number | undefined, reply: first.content };
    } finally {
      clearTimeout(timer);
      exit.cancel();
      this.iopubListeners.delete(id);
      this.shellWaiters.delete(id);
    }
  }

  /**
   * Does the kernel's heartbeat echo within `timeoutMs`? tslab answers it on its main thread, so
   * "no" means the event loop is blocked (a long synchronous cell), not necessarily a dead kernel.
   */
  async heartbeat(timeoutMs: number): Promise<boolean> {
    if (this.exitInfo) return false;
    const req = new zmq.Request({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
    try {
      req.connect(this.hbAddress);
      const ping = Buffer.from(randomUUID());
      await req.send(ping);
      const [pong] = await req.receive();
      return pong.equals(ping);
    } catch {
      return false;
    } finally {
      req.close();
    }
  }

  /** tslab has no interrupt_request handler: SIGINT makes it reject the awaited cell. */
  interrupt(): void {
    if (!this.exitInfo) this.proc.kill("SIGINT");
  }

  /** Polite shutdown_request, then SIGTERM, then SIGKILL; closes sockets and removes the connection file. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    if (!this.exitInfo) {
      const exit = this.untilExit();
      const steps: (() => void)[] = [
        () => void this.control.send(encode(this.key, newMessage("shutdown_request", this.session, { restart: false }))).catch(() => {}),
        () => this.proc.kill("SIGTERM"),
        () => this.proc.kill("SIGKILL"),
      ];
      for (const step of steps) {
        if (this.exitInfo) break;
        step();
        await Promise.race([exit.promise, sleep(1500)]);
      }
      exit.cancel();
    }
    this.closed = true;
    this.shell.close();
    this.control.close();
    this.iopub.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
