// `node --import ./record-loads.mjs ...` logs the URL of every ES module the process loads to the file
// named by CDS_LOAD_LOG, one per line; the startup test reads it to see what a run pulled in.
import { register } from "node:module";

register("./record-loads-hooks.mjs", import.meta.url);
