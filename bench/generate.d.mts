export declare const AS_OF: string;
export interface BenchRandom {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  some<T>(list: readonly T[], n: number): T[];
}
export declare function createRandom(seed: number): BenchRandom;
export declare function generateSnapshot(random: BenchRandom, index: number): Record<string, unknown> & { id: string };
export declare function generateSnapshots(count: number, seed?: number): (Record<string, unknown> & { id: string })[];
