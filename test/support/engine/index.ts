export { type FakeDaggerCli, fakeDaggerCli } from "./fake-cli-bin.js";
export { containersFrom, execsMatching, firstStart, servicesForImage, tunnelsTo } from "./pipeline-query.js";
export type {
  RealServerKind,
  RecordedCacheVolume,
  RecordedContainer,
  RecordedEvent,
  RecordedExec,
  RecordedPipeline,
  RecordedSecret,
  RecordedService,
  StartTrigger,
} from "./pipeline-types.js";
export { type RawResponse, rawQuery } from "./raw-client.js";
export { defaultSchemaPath, ENGINE_VERSION, schemaAvailable } from "./schema.js";
export { childProcessEnv, useSessionEnv } from "./session-env.js";
export { startEngineStandIn } from "./stand-in.js";
export type { EngineStandIn, ExecOutcome, RealServices, ServerRequest, StandInOptions } from "./types.js";
