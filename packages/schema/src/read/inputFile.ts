import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { InputDataError } from "./errors.js";

/** Text encodings a manifest may declare; UTF-8 (with or without a BOM) is the default. */
export const TEXT_ENCODINGS = ["utf-8", "windows-1252", "latin1"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/**
 * Largest file read: 512 MB less a margin, because V8 cannot hold a longer string (2^29 - 24 characters).
 * Larger tables must be split (one file per panel or visit block) or converted to a long table first.
 */
export const MAX_INPUT_BYTES = 500 * 1024 * 1024;

/**
 * Peak heap of reading a long table, measured on a 700 000-row file: the decoded text (up to 2 bytes a
 * character) plus about 300 bytes a row (csv-parse's records of a chunk, the measurement objects and the
 * duplicate-check maps; 130 bytes a row stay after reading). A file whose estimate exceeds half the free
 * heap is refused before it is decoded instead of aborting V8: V8's heap limit includes the young
 * generation and a mark-compact needs headroom, so a read that uses more than half the free heap can still
 * abort (measured: 200 000 rows abort under --max-old-space-size=96 and read under 128).
 */
export const HEAP_BYTES_PER_ROW = 320;

/** Estimated peak heap of reading a file of `bytes` bytes and `rows` lines. */
export function heapEstimate(bytes: number, rows: number): number {
  return 2 * bytes + HEAP_BYTES_PER_ROW * rows;
}

function fail(file: string, message: string, row: number | null = null): never {
  throw new InputDataError([{ file, row, column: null, message }]);
}

const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * Reads a data file as text. A folder, a file above MAX_INPUT_BYTES or one that would not fit in the
 * heap is refused with a message saying what is supported; the bytes are decoded as `encoding` (UTF-8:
 * a BOM is removed, UTF-16 BOMs and invalid byte sequences are refused naming the line of the first
 * invalid byte, so Latin-1 text is never silently turned into replacement characters).
 */
export function readInputText(file: string, encoding: TextEncoding = "utf-8"): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") fail(file, "is a folder; a file was expected");
    fail(file, `cannot read the file: ${code ?? (error as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) fail(file, "is a folder; a file was expected");
    if (!stat.isFile()) fail(file, "is not a regular file");
    if (stat.size > MAX_INPUT_BYTES) {
      fail(
        file,
        `the file is too large (${megabytes(stat.size)}); files up to ${megabytes(MAX_INPUT_BYTES)} are supported: split it (e.g. one file per panel)`
      );
    }
    // The bytes live outside the V8 heap: count the rows before decoding them into a string.
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    let rows = 0;
    for (let k = bytes.indexOf(0x0a); k >= 0 && k < read; k = bytes.indexOf(0x0a, k + 1)) rows += 1;
    const heap = getHeapStatistics();
    const available = heap.heap_size_limit - heap.used_heap_size;
    const needed = heapEstimate(read, rows);
    if (2 * needed > available) {
      fail(
        file,
        `the file is too large for this process's memory (${megabytes(read)}, ${rows} rows need about ` +
          `${megabytes(needed)} of heap and as much headroom, ${megabytes(available)} is free); ` +
          `raise it with NODE_OPTIONS=--max-old-space-size=<MB> or split the file`
      );
    }
    return decodeText(bytes.subarray(0, read), file, encoding);
  } finally {
    closeSync(fd);
  }
}

/** Decodes bytes as declared; see readInputText. */
export function decodeText(bytes: Uint8Array, file: string, encoding: TextEncoding = "utf-8"): string {
  if (encoding !== "utf-8") return new TextDecoder(encoding).decode(bytes);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    fail(file, "the file is UTF-16 (byte-order mark); save it as UTF-8");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let k = 0; k < at; k++) if (bytes[k] === 0x0a) line += 1;
    fail(
      file,
      `byte 0x${bytes[at].toString(16).padStart(2, "0")} at line ${line} (byte ${at}) is not UTF-8; save the file as UTF-8, ` +
        `or declare its encoding in the manifest ("format": {"encoding": "windows-1252"})`,
      null
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629, table 3-7 of Unicode). */
function firstInvalidUtf8(b: Uint8Array): number {
  let k = 0;
  while (k < b.length) {
    const c = b[k];
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return k;
    for (let j = 1; j <= n; j++) {
      const d = b[k + j];
      if (d === undefined) return k;
      if (j === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return k;
    }
    k += n + 1;
  }
  return b.length - 1;
}
