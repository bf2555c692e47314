'use strict';

/**
 * CPU seconds a process has used so far (user + system), from /proc: a server's CPU time per request holds
 * steadier than req/s when the load generator and other jobs share its two cores. Null where /proc is absent.
 */
const fs = require('node:fs');

// /proc reports in USER_HZ ticks, which Linux fixes at 100 a second for user space whatever the kernel's HZ.
const TICKS_PER_SECOND = 100;

function cpuSeconds(pid) {
  let stat;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

module.exports = { cpuSeconds };
