// Editors register here so the app can save everything before the window closes.
type Flush = () => Promise<boolean>;
const flushes = new Set<Flush>();

export function registerFlush(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Saves every open editor; true when all of it is on disk. */
export async function flushAll(): Promise<boolean> {
  const results = await Promise.all([...flushes].map((flush) => flush()));
  return results.every(Boolean);
}
