package org.moltx.model;

/**
 * Code -> concept index as one open-addressing int table over the release's code array: a 100,000-code release
 * costs 1 MB here instead of about 6 MB of HashMap nodes and boxed Integers.
 */
final class CodeIndex {
  private final String[] codes;
  private final int[] slots;
  private final int mask;

  CodeIndex(String[] codes) {
    this.codes = codes;
    int size = Integer.highestOneBit(Math.max(4, codes.length * 2 - 1)) << 1;
    this.slots = new int[size];
    this.mask = size - 1;
    for (int i = 0; i < codes.length; i++) {
      int s = slot(codes[i]);
      while (slots[s] != 0) {
        if (codes[slots[s] - 1].equals(codes[i])) {
          throw new IllegalArgumentException("duplicate code '" + codes[i] + "'");
        }
        s = (s + 1) & mask;
      }
      slots[s] = i + 1;
    }
  }

  int indexOf(String code) {
    for (int s = slot(code); slots[s] != 0; s = (s + 1) & mask) {
      if (codes[slots[s] - 1].equals(code)) {
        return slots[s] - 1;
      }
    }
    return -1;
  }

  private int slot(String code) {
    int h = code.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }
}
