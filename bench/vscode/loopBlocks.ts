// The extension host's long event-loop blocks while the view opens, each with when it ended on the
// CPU profile's clock (CLOCK_MONOTONIC, µs, as process.hrtime), so that what ran in each block can be
// read from the profile (bench/openProfile.mjs --blocks) rather than guessed from busy stretches,
// which run across setImmediate turns that did not block.

export interface LoopBlock {
  /** How much later than due a 5 ms timer fired: the block's length. */
  ms: number;
  /** When it ended, µs on the profile's clock. */
  endUs: number;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export function recordLoopBlocks(overMs = 40, everyMs = 5): { stop(): LoopBlock[] } {
  const blocks: LoopBlock[] = [];
  let last = nowUs();
  const timer = setInterval(() => {
    const at = nowUs();
    const late = (at - last) / 1000 - everyMs;
    if (late >= overMs) blocks.push({ ms: late, endUs: at });
    last = at;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return blocks;
    },
  };
}
