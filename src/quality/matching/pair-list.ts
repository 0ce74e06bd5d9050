/**
 * Candidate pairs in parallel typed arrays (no object per pair): records `left[p] < right[p]`,
 * `rules[p]` has bit k set when blocking rule k puts both records in one block.
 */
export interface PairList {
  readonly length: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rules: Uint32Array;
}

/** Appends pairs into arrays that double when full. */
export function createPairCollector(initialCapacity = 1 << 16) {
  let capacity = initialCapacity;
  let length = 0;
  let left = new Int32Array(capacity);
  let right = new Int32Array(capacity);
  let rules = new Uint32Array(capacity);
  const grow = (): void => {
    capacity *= 2;
    const l = new Int32Array(capacity);
    const r = new Int32Array(capacity);
    const m = new Uint32Array(capacity);
    l.set(left);
    r.set(right);
    m.set(rules);
    left = l;
    right = r;
    rules = m;
  };
  return {
    get length(): number {
      return length;
    },
    push(i: number, j: number, mask: number): void {
      if (length === capacity) grow();
      left[length] = i;
      right[length] = j;
      rules[length] = mask;
      length++;
    },
    finish(): PairList {
      return {
        length,
        left: left.slice(0, length),
        right: right.slice(0, length),
        rules: rules.slice(0, length),
      };
    },
  };
}
