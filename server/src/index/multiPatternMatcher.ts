// One pass over a note finds every occurrence of every entity name (Aho–Corasick), so the cost of
// matching does not grow with the number of entities. ASCII letters are folded to lower case and a
// hyphen is read as a space while scanning (`Intel-MPI` is `Intel MPI`, `HiFive-Unleashed` is `HiFive
// Unleashed`); callers decide afterwards which hits must match case exactly.

export interface PatternHit {
  start: number;
  end: number;
  pattern: number;
}

export class MultiPatternMatcher {
  private readonly transitions: Array<Map<number, number>> = [new Map()];
  private readonly failure: number[] = [0];
  private readonly outputs: number[][] = [[]];
  /** Nearest node along the failure chain that ends a pattern, so scanning never walks dead links. */
  private readonly outputLink: number[] = [-1];
  private readonly lengths: number[] = [];

  constructor(patterns: readonly string[]) {
    patterns.forEach((pattern, index) => this.insert(pattern, index));
    this.link();
  }

  findAll(text: string): PatternHit[] {
    const hits: PatternHit[] = [];
    this.scan(text, 0, text.length, 0, hits);
    return hits;
  }

  /**
   * Adds to `hits` the occurrences that end between `from` and `to`, reading on from the state a scan up
   * to `from` ended in (0 at the text's start), and returns the state this scan ends in: a text read in
   * parts, each scan going on from the last one's state, gives exactly the hits of one scan of it all.
   */
  scan(text: string, from: number, to: number, state: number, hits: PatternHit[]): number {
    for (let index = from; index < to; index++) {
      const code = fold(text.charCodeAt(index));
      while (state !== 0 && !this.transitions[state].has(code)) state = this.failure[state];
      state = this.transitions[state].get(code) ?? 0;
      for (let node = this.outputs[state].length ? state : this.outputLink[state]; node > 0; node = this.outputLink[node]) {
        for (const pattern of this.outputs[node]) hits.push({ start: index + 1 - this.lengths[pattern], end: index + 1, pattern });
      }
    }
    return state;
  }

  private insert(pattern: string, index: number): void {
    this.lengths[index] = pattern.length;
    if (!pattern) return;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = fold(pattern.charCodeAt(i));
      let next = this.transitions[state].get(code);
      if (next === undefined) {
        next = this.transitions.length;
        this.transitions.push(new Map());
        this.failure.push(0);
        this.outputs.push([]);
        this.outputLink.push(-1);
        this.transitions[state].set(code, next);
      }
      state = next;
    }
    this.outputs[state].push(index);
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of this.transitions[0].values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [code, child] of this.transitions[state]) {
        let fallback = this.failure[state];
        while (fallback !== 0 && !this.transitions[fallback].has(code)) fallback = this.failure[fallback];
        const target = this.transitions[fallback].get(code);
        this.failure[child] = target !== undefined && target !== child ? target : 0;
        const failed = this.failure[child];
        this.outputLink[child] = this.outputs[failed].length ? failed : this.outputLink[failed];
        queue.push(child);
      }
    }
  }
}

const HYPHEN = 45;
const SPACE = 32;

export function fold(code: number): number {
  if (code === HYPHEN) return SPACE;
  return code >= 65 && code <= 90 ? code + 32 : code;
}
