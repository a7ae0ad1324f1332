// One timer for the whole engine that samples the resident memory of busy environments, so memory
// limits are enforced without a timer (or a /proc read) per invocation.
import { peakRssKb, treeRssKb } from './processTree';

export interface MemoryWatched {
  /** Root pid of the environment's process group, if running. */
  readonly pid: number | undefined;
  /** Called with the current tree RSS and the root's high-water mark, in kB. */
  onMemorySample(rssKb: number, peakKb: number): void;
}

const SAMPLE_MS = 50;
const watched = new Set<MemoryWatched>();
let timer: NodeJS.Timeout | undefined;

function sample(): void {
  for (const w of watched) {
    const pid = w.pid;
    if (pid) w.onMemorySample(treeRssKb(pid), peakRssKb(pid));
  }
  if (watched.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

/** Starts sampling `w` (no-op off Linux, where /proc is missing). */
export function watchMemory(w: MemoryWatched): void {
  if (process.platform !== 'linux') return;
  watched.add(w);
  if (!timer) {
    timer = setInterval(sample, SAMPLE_MS);
    timer.unref();
  }
}

export function unwatchMemory(w: MemoryWatched): void {
  watched.delete(w);
}
