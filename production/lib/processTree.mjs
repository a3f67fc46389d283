import { readFile, readdir } from 'node:fs/promises';

/** Children of a process, from `/proc/<pid>/task/<tid>/children` (Linux). */
async function childrenOf(pid) {
  const children = [];
  let tasks = [];
  try {
    tasks = await readdir(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const tid of tasks) {
    try {
      const text = await readFile(`/proc/${pid}/task/${tid}/children`, 'utf8');
      children.push(...text.split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // the task ended while we read it
    }
  }
  return children;
}

/** The process and every descendant still alive. */
export async function processTree(pid) {
  const all = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift();
    all.push(next);
    queue.push(...(await childrenOf(next)));
  }
  return all;
}

/** Resident memory of one process in bytes (`VmRSS`), 0 when it is gone. */
async function rssOf(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process tree in bytes. */
export async function treeRss(pid) {
  let total = 0;
  for (const p of await processTree(pid)) total += await rssOf(p);
  return total;
}

/**
 * Samples a process tree's RSS every `intervalMs` until stopped; `stop()` returns the peak.
 * Peak rather than final because a leak under load shows while the load lasts.
 */
export function sampleRss(pid, intervalMs = 250) {
  let peak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      peak = Math.max(peak, await treeRss(pid));
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return peak;
    },
  };
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const mb = bytes => Math.round(bytes / (1024 * 1024));
