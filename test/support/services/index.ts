export { type RealServicesAvailability, realServicesAvailable } from "./availability.js";
export { type RealPostgres, type RealPostgresOptions, startRealPostgres } from "./postgres.js";
export { type RealRedis, startRealRedis } from "./redis.js";
export { redisCommand } from "./resp.js";
