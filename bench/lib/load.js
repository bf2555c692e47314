'use strict';

/** Load runs with autocannon and a plain-text table of their figures. */
const autocannon = require('autocannon');
const { cpuSeconds } = require('./process-cpu');

const CONNECTIONS = 32;
const WARMUP_SECONDS = 2;

/** A positive number from the environment, or `fallback` when unset. */
function envNumber(name, fallback, { integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a positive ${integer ? 'whole number' : 'number'}, not "${raw}"`);
  }
  return value;
}

/** Seconds each measured run lasts: BENCH_DURATION shortens (or lengthens) every run at once. */
const benchSeconds = (fallback = 5) => envNumber('BENCH_DURATION', fallback);
/** Rounds of interleaved runs (BENCH_ROUNDS) that measureRounds takes the median of. */
const benchRounds = (fallback = 3) => envNumber('BENCH_ROUNDS', fallback, { integer: true });

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

/**
 * Measures every scenario ({ name: { url, pid } }) once a round, the scenarios interleaved, so that other jobs on
 * a shared machine weigh on all of them alike. Warms each up in the first round only. Returns per scenario the
 * round with the median req/s, its non-2xx answers and errors summed over every round.
 */
async function measureRounds(scenarios, { rounds = benchRounds(), seconds = benchSeconds() } = {}) {
  const runs = Object.fromEntries(Object.keys(scenarios).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, { url, pid }] of Object.entries(scenarios)) {
      runs[name].push(await measure(url, { seconds, pid, warmup: round === 0 }));
    }
  }
  const median = (list) => [...list].sort((x, y) => x.rps - y.rps)[Math.floor(list.length / 2)];
  const sum = (list, field) => list.reduce((total, r) => total + r[field], 0);
  return Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [name, { ...median(list), non2xx: sum(list, 'non2xx'), errors: sum(list, 'errors') }])
  );
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

module.exports = { measure, measureRounds, printTable, benchSeconds, benchRounds, CONNECTIONS };
