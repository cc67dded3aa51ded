// mulberry32: a small seeded generator of 32-bit unsigned integers. The same seed gives the same sequence on every
// run, so generated scenarios (object GUIDs) and the tests' fuzzing inputs are reproducible and cost nothing.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
