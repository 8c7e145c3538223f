import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { UsageError } from "../errors.js";

/**
 * A `--spec` file's bytes, read with limits, and its text, decoded strictly. Only regular files are read
 * (a FIFO or a device would block or never end), at most MAX_SPEC_BYTES of them (a spec is a few KB; a huge
 * one would take seconds and gigabytes to parse), and the text is UTF-8 (or UTF-16 with a byte-order
 * mark): a byte that is not UTF-8 is an error naming its offset, never silently replaced with �.
 */
export const MAX_SPEC_BYTES = 1024 * 1024;

const READ_HINT = "give the path of a JSON or YAML spec, relative to the current folder";
const UTF8_HINT = "save the file as UTF-8 (most editors offer it under Save As or the encoding menu)";

export async function readSpecBytes(path: string, label: string): Promise<Uint8Array> {
  // Synchronous: a few calls on a file of a few KB, where each promise round trip would cost more.
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, before fstat could refuse it.
  const fd = openOrFail(path, label);
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw unreadable(label, "is a folder");
    if (!stats.isFile()) throw unreadable(label, `is ${specialKind(stats)}, not a regular file`);
    if (stats.size > MAX_SPEC_BYTES) throw tooLarge(label, stats.size);
    return readAtMost(fd, label);
  } finally {
    closeSync(fd);
  }
}

function openOrFail(path: string, label: string): number {
  try {
    return openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unreadable(label, openFailure((error as NodeJS.ErrnoException).code));
  }
}

/** Reads to the end, but no more than the cap: the file may grow after fstat. */
function readAtMost(fd: number, label: string): Uint8Array {
  const buffer = Buffer.allocUnsafe(MAX_SPEC_BYTES + 1);
  let length = 0;
  for (;;) {
    const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > MAX_SPEC_BYTES) throw tooLarge(label, length);
  }
  return buffer.subarray(0, length);
}

/** The text of a spec: UTF-8 (a BOM is dropped), or UTF-16 with a byte-order mark. */
export function decodeSpec(bytes: Uint8Array, label: string): string {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new UsageError(
      { path: label, message: "is UTF-32, which is not supported", hint: UTF8_HINT },
      label,
    );
  }
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes.subarray(2), label);
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(Buffer.from(bytes.subarray(2)).swap16(), label);
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  const invalid = invalidUtf8At(body);
  if (invalid !== undefined) {
    const offset = invalid + (body === bytes ? 0 : 3);
    throw notText(
      label,
      `is not UTF-8: byte 0x${hex(bytes[offset])} at offset ${offset} (line ${lineAt(bytes, offset)})`,
    );
  }
  const text = new TextDecoder("utf-8").decode(body);
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw notText(
      label,
      `has a NUL byte at offset ${nul + (body === bytes ? 0 : 3)}: is it UTF-16 without a byte-order mark?`,
    );
  }
  return text;
}

function utf16(bytes: Uint8Array, label: string): string {
  if (bytes.length % 2 !== 0) throw notText(label, "is UTF-16 with an odd number of bytes");
  try {
    return new TextDecoder("utf-16le", { fatal: true }).decode(bytes);
  } catch {
    throw notText(label, "is not valid UTF-16 (an unpaired surrogate)");
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function invalidUtf8At(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return undefined;
}

/** Well-formed UTF-8 (Unicode table 3-7): lead bytes, the sequence's length, the second byte's range. */
const SEQUENCES: readonly { lead: [number, number]; length: number; second: [number, number] }[] = [
  { lead: [0xc2, 0xdf], length: 2, second: [0x80, 0xbf] },
  { lead: [0xe0, 0xe0], length: 3, second: [0xa0, 0xbf] },
  { lead: [0xe1, 0xec], length: 3, second: [0x80, 0xbf] },
  { lead: [0xed, 0xed], length: 3, second: [0x80, 0x9f] },
  { lead: [0xee, 0xef], length: 3, second: [0x80, 0xbf] },
  { lead: [0xf0, 0xf0], length: 4, second: [0x90, 0xbf] },
  { lead: [0xf1, 0xf3], length: 4, second: [0x80, 0xbf] },
  { lead: [0xf4, 0xf4], length: 4, second: [0x80, 0x8f] },
];

const within = (byte: number | undefined, [low, high]: [number, number]) =>
  byte !== undefined && byte >= low && byte <= high;

/** The length of the well-formed sequence at `index`, or 0. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  const sequence = SEQUENCES.find((candidate) => within(lead, candidate.lead));
  if (!sequence || !within(bytes[index + 1], sequence.second)) return 0;
  for (let next = index + 2; next < index + sequence.length; next++) {
    if (!within(bytes[next], [0x80, 0xbf])) return 0;
  }
  return sequence.length;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

const hex = (byte: number | undefined) => (byte ?? 0).toString(16).toUpperCase().padStart(2, "0");

function openFailure(code: string | undefined): string {
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a folder";
  if (code === "ELOOP") return "is a symbolic link that leads back to itself";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  return `cannot be read (${code})`;
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a file";
}

function unreadable(label: string, message: string): UsageError {
  return new UsageError({ path: label, message, hint: READ_HINT }, label);
}

function tooLarge(label: string, size: number): UsageError {
  return new UsageError(
    {
      path: label,
      message: `is ${kilobytes(size)}; a spec may be at most ${kilobytes(MAX_SPEC_BYTES)}`,
      hint: "a spec lists services and options only: is this the right file?",
    },
    label,
  );
}

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString("en-US")} KB`;

function notText(label: string, message: string): UsageError {
  return new UsageError({ path: label, message, hint: UTF8_HINT }, label);
}
