import { ExecFailure } from "./exec-error.js";
import { digest } from "./ids.js";
import type { StartTrigger } from "./pipeline-types.js";
import type { RealServiceBroker } from "./real-services.js";
import type { Recorder } from "./recorder.js";
import type { ContainerFacts, ExecFacts, ObjectState, ObjectStore } from "./state.js";
import type { ExecOutcome } from "./types.js";

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const NO_OUTPUT: ExecResult = { exitCode: 0, stdout: "", stderr: "" };

/** Running things: evaluating containers (execs, bound services) and starting/stopping services. */
export class Lifecycle {
  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: Recorder,
    private readonly broker: RealServiceBroker,
    private readonly failExec: ((args: string[]) => ExecOutcome | undefined) | undefined,
  ) {}

  /** Forces the container `target` is (or derives from) to run; returns its last exec's result. */
  evaluate(target: ObjectState, field: string): ExecResult {
    const container = nearestContainer(target);
    const result = container ? this.run(container) : NO_OUTPUT;
    this.recorder.event({ type: "evaluate", target: this.recorder.render.ref(target.id), field });
    return result;
  }

  start(service: ObjectState, trigger: StartTrigger): void {
    if (this.recorder.statusOf(service.id) === "running") return;
    const facts = service.service;
    if (facts?.kind === "tunnel") this.start(this.store.require(facts.targetId, "Service"), "tunnel");
    if (facts?.kind === "container") this.run(this.store.require(facts.containerId, "Container"));
    this.recorder.setStatus(service.id, "running");
    this.recorder.event({ type: "start", service: this.recorder.render.ref(service.id), trigger });
  }

  stop(service: ObjectState, kill: boolean): void {
    const wasRunning = this.recorder.statusOf(service.id) === "running";
    if (wasRunning) this.recorder.setStatus(service.id, "stopped");
    this.recorder.event({ type: "stop", service: this.recorder.render.ref(service.id), kill, wasRunning });
  }

  async endpoint(service: ObjectState, port: number | undefined, scheme: string): Promise<string> {
    const address = await this.address(service, port);
    const endpoint = scheme ? `${scheme}://${address.hostPort}` : address.hostPort;
    this.recorder.event({
      type: "endpoint",
      service: this.recorder.render.ref(service.id),
      endpoint,
      ...(address.realServer ? { realServer: address.realServer } : {}),
    });
    return endpoint;
  }

  hostname(service: ObjectState): string {
    return service.service?.hostname || `${digest(service.id).slice(0, 13)}.standin.dagger.local`;
  }

  private async address(service: ObjectState, port: number | undefined) {
    if (service.service?.kind === "tunnel") {
      this.start(service, "endpoint");
      const real = await this.broker.addressFor(service);
      return { hostPort: `${real.host}:${real.port}`, realServer: real.realServer };
    }
    return {
      hostPort: `${this.hostname(service)}:${port ?? this.defaultPort(service)}`,
      realServer: undefined,
    };
  }

  private defaultPort(service: ObjectState): number {
    const facts = service.service;
    const first =
      facts?.kind === "container"
        ? this.store.get(facts.containerId)?.container?.exposedPorts[0]?.port
        : facts?.kind === "host"
          ? (facts.ports[0]?.frontend ?? facts.ports[0]?.backend)
          : undefined;
    if (first === undefined) throw new Error("no ports exposed: pass a port to endpoint()");
    return first;
  }

  private run(container: ObjectState): ExecResult {
    const facts = container.container as ContainerFacts;
    for (const binding of facts.bindings)
      this.start(this.store.require(binding.serviceId, "Service"), "binding");
    let last = NO_OUTPUT;
    for (const exec of facts.execs) last = this.runExec(container, exec);
    return last;
  }

  private runExec(container: ObjectState, exec: ExecFacts): ExecResult {
    const outcome = this.failExec?.([...exec.args]);
    const result = {
      exitCode: outcome?.exitCode ?? 0,
      stdout: outcome?.stdout ?? "",
      stderr: outcome?.stderr ?? "",
    };
    if (meetsExpectation(exec.expect, result.exitCode)) return result;
    this.recorder.noteUsed(container);
    this.recorder.event({
      type: "execFailed",
      container: this.recorder.render.ref(container.id),
      args: [...exec.args],
      exitCode: result.exitCode,
    });
    throw new ExecFailure(exec.args, result);
  }
}

function meetsExpectation(expect: string, exitCode: number): boolean {
  if (expect === "ANY") return true;
  if (expect === "FAILURE") return exitCode !== 0;
  return exitCode === 0;
}

function nearestContainer(state: ObjectState): ObjectState | undefined {
  let current: ObjectState | undefined = state;
  while (current && !current.container) current = current.receiver;
  return current;
}
