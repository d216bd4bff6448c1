// Preloaded into a child process (node -r): reports its peak RSS (KiB) and CPU time (user +
// system, µs, GC threads included) on exit, to fd 3.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  try {
    const u = process.resourceUsage();
    writeSync(3, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
  } catch {}
});
