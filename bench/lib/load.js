'use strict';

/** Load runs with autocannon and a plain-text table of their figures. */
const autocannon = require('autocannon');
const { cpuSeconds } = require('./process-cpu');

const CONNECTIONS = 32;
const WARMUP_SECONDS = 2;

/** Seconds each measured run lasts: BENCH_DURATION shortens (or lengthens) every run at once. */
function benchSeconds(fallback = 10) {
  const raw = process.env.BENCH_DURATION;
  if (raw === undefined || raw === '') return fallback;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_DURATION must be a positive number of seconds, not "${raw}"`);
  return seconds;
}

const run = (options) =>
  new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });

/**
 * GETs `url` with 32 keep-alive connections for `seconds`, after a short unrecorded warm-up so JIT compilation
 * and first-request caches do not count. Returns req/s (mean of autocannon's per-second samples), latency
 * percentiles in ms, response size with headers, what went wrong (non-2xx answers, socket errors and
 * timeouts), and, given the server's `pid`, the server's CPU time per request in µs.
 */
async function measure(url, { seconds = benchSeconds(), headers = {}, warmup = true, pid } = {}) {
  const options = { url, headers, connections: CONNECTIONS };
  if (warmup) await run({ ...options, duration: Math.min(WARMUP_SECONDS, seconds) });
  const cpuBefore = pid === undefined ? null : cpuSeconds(pid);
  const result = await run({ ...options, duration: seconds });
  const cpuAfter = cpuBefore === null ? null : cpuSeconds(pid);
  return {
    cpuUsPerRequest: cpuAfter === null || !result.requests.total ? null : Math.round(((cpuAfter - cpuBefore) * 1e6) / result.requests.total),
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    requests: result.requests.total,
  };
}

/** Prints rows (arrays of cells; null for no figure) under headers, numbers right-aligned, in plain text. */
function printTable(headers, rows) {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : String(cell ?? '-'))));
  const widths = headers.map((header, i) => Math.max(header.length, ...text.map((row) => row[i].length)));
  const line = (cells, numeric) =>
    cells.map((cell, i) => (numeric && numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  rows.forEach((row, r) => console.log(line(text[r], row.map((cell) => typeof cell === 'number' || cell === null))));
}

const formatNumber = (value) => (Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1));

module.exports = { measure, printTable, benchSeconds, CONNECTIONS };
