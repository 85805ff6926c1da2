import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** What a result was measured on, including how busy the machine was (a shared box is noisy). */
export function machine() {
  let load = 'unknown';
  try {
    load = readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    // not Linux
  }
  return { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(totalmem() / 1024 ** 3), load };
}

/** Peak RSS of this process while `fn` runs, sampled every 20 ms. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakRssMb: number; seconds: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    const value = await fn();
    return { value, peakRssMb: Math.round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024), seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(sampler);
  }
}
