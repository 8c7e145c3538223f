import { type ExecutionResult, execute, type GraphQLError, type GraphQLSchema } from "graphql";
import { isExecErrorExtensions } from "./exec-error.js";
import { Lifecycle } from "./lifecycle.js";
import { RealServiceBroker } from "./real-services.js";
import { Recorder } from "./recorder.js";
import { createFieldResolver } from "./resolvers.js";
import { type ObjectState, ObjectStore } from "./state.js";
import type { StandInOptions } from "./types.js";
import { parseAndValidate } from "./validate.js";

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** One engine session's state: the objects clients created, what was recorded, and the errors returned. */
export class Engine {
  readonly store = new ObjectStore();
  readonly recorder = new Recorder(this.store);
  private readonly returnedErrors: string[] = [];
  private readonly fieldResolver;
  private readonly log: (line: string) => void;

  constructor(
    private readonly schema: GraphQLSchema,
    options: StandInOptions,
  ) {
    this.log = options.log ?? (() => undefined);
    const broker = new RealServiceBroker(this.store, options.realServices ?? {}, this.log);
    const lifecycle = new Lifecycle(this.store, this.recorder, broker, options.failExec);
    this.fieldResolver = createFieldResolver({ store: this.store, recorder: this.recorder, lifecycle });
  }

  errors(): string[] {
    return [...this.returnedErrors];
  }

  async run(request: GraphQLRequest): Promise<ExecutionResult> {
    const parsed = parseAndValidate(this.schema, request.query);
    if ("errors" in parsed) return this.failed(parsed.errors);
    const result = await execute({
      schema: this.schema,
      document: parsed.document,
      rootValue: this.store.root,
      variableValues: request.variables ?? null,
      operationName: request.operationName ?? null,
      fieldResolver: this.fieldResolver,
      typeResolver: (value) => (value as ObjectState).typeName,
    });
    if (result.errors) this.noteErrors(result.errors);
    return result;
  }

  /** Records an error that happened outside GraphQL execution, e.g. a malformed request body. */
  rejectRequest(message: string): void {
    this.returnedErrors.push(message);
    this.log(`error: ${message}`);
  }

  private failed(errors: readonly GraphQLError[]): ExecutionResult {
    this.noteErrors(errors);
    return { errors };
  }

  private noteErrors(errors: readonly GraphQLError[]): void {
    for (const error of errors) {
      if (isExecErrorExtensions(error.extensions)) {
        this.log(`exec error: ${error.message}`);
        continue;
      }
      this.rejectRequest(error.message);
    }
  }
}
