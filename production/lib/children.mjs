/**
 * Process groups this harness started and has not stopped yet. If the harness process ends
 * without running its cleanups (an uncaught error, a closed stdout pipe), the 'exit' hook
 * still kills them, so no backend or simulator outlives the run. (A SIGKILL of the harness
 * itself cannot be caught; its databases and keys are named `prod_*` for a manual sweep.)
 */
const groups = new Set();

process.once('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export const trackGroup = pid => groups.add(pid);
export const untrackGroup = pid => groups.delete(pid);
