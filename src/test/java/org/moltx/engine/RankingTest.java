package org.moltx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The page of a ranking is the first keys of the whole ranking, however it is taken. */
class RankingTest {
  @Test
  void theSmallestKeysComeInOrderWhateverTheirNumber() {
    Random random = new Random(7);
    long[] keys = random.longs(5_000, 0, 1_000_000).toArray();
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    for (int k : new int[] {0, 1, 10, 11, 100, 1_249, 1_250, 4_999, 5_000, 6_000}) {
      assertThat(ExpandService.smallest(keys, keys.length, k))
          .containsExactly(Arrays.copyOf(sorted, Math.min(k, keys.length)));
    }
  }
}
