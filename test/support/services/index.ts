export {
  chromaProblem,
  ferretDbProblem,
  mariaDbProblem,
  minioProblem,
  type RealServicesAvailability,
  realServicesAvailable,
} from "./availability.js";
export { startRealChroma } from "./chromadb.js";
export { FERRETDB_DESCRIPTION, type MongoRootLogin, startRealFerretDb } from "./ferretdb.js";
export { findMariaDb, type MysqlLogin, startRealMariaDb } from "./mariadb.js";
export { type RealMinioOptions, startRealMinio } from "./minio.js";
export { type RealPostgres, type RealPostgresOptions, startRealPostgres } from "./postgres.js";
export type { RealServer } from "./real-server.js";
export { type RealRedis, startRealRedis } from "./redis.js";
export { redisCommand } from "./resp.js";
export { listBucketsStatus } from "./s3.js";
export { ServerPool } from "./server-pool.js";
