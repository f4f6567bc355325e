package org.moltx.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A release builds its word index once, on first use, and keeps it; the index finds displays by word prefix. */
class WordIndexTest {
  private static CodeSystemRelease release() {
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("A1", "Acute bronchitis", null, null, false, false, null, null);
    b.add("A2", "Chronic Bronchitis, unspecified", null, null, false, false, null, null);
    b.add("B1", "Type 2 diabetes", null, null, false, false, null, null);
    b.add("B2", null, null, null, false, false, null, null);
    return b.build(new CodeSystemInfo("t", "http://example.org/cs", "1", "T", null, "active", "complete", null, null,
        null, true, null, null, null, null), List.of());
  }

  @Test
  void findsConceptsWhoseDisplayHasAWordWithThePrefix() {
    WordIndex index = release().wordIndex();

    assertThat(index.withWordPrefix("bronch").stream().boxed()).containsExactly(0, 1);
    assertThat(index.withWordPrefix("unspec").stream().boxed()).containsExactly(1);
    assertThat(index.withWordPrefix("2").stream().boxed()).containsExactly(2);
    assertThat(index.withWordPrefix("ronch").stream().boxed()).isEmpty();
  }

  @Test
  void concurrentFirstUsesShareOneIndex() throws Exception {
    CodeSystemRelease release = release();
    Set<WordIndex> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[8];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        seen.add(release.wordIndex());
      });
      threads[i].start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(seen).hasSize(1).containsExactly(release.wordIndex());
  }

  @Test
  void findsCodesByNormalisedPrefixAndKnowsEachDisplaysFirstWordAndLength() {
    CodeSystemRelease.Builder b = CodeSystemRelease.builder();
    b.add("E11.6", "Type 2 diabetes with complications", null, null, true, false, null, null);
    b.add("E11.61", "Fièvre type", null, null, false, false, null, null);
    b.add("E12", "Other", null, null, false, false, null, null);
    WordIndex index = b.build(new CodeSystemInfo("t", "http://example.org/cs", "1", "T", null, "active", "complete",
        null, null, null, true, null, null, null, null), List.of()).wordIndex();

    assertThat(index.withCodePrefix("E116").stream().boxed()).containsExactly(0, 1);
    assertThat(index.withCodePrefix("E1").stream().boxed()).containsExactly(0, 1, 2);
    assertThat(index.withCodePrefix("E2").stream().boxed()).isEmpty();
    assertThat(index.withWordPrefix("fiev").stream().boxed()).containsExactly(1);
    assertThat(index.withWord("type").stream().boxed()).containsExactly(0, 1);
    assertThat(index.wordCount(0)).isEqualTo(5);
    int[] type = index.wordRange("typ");
    assertThat(index.firstWord(0)).isBetween(type[0], type[1] - 1);
    assertThat(index.firstWord(1)).matches(w -> w < type[0] || w >= type[1]);
    assertThat(WordIndex.words("Fièvre, TYPE-2")).containsExactly("fievre", "type", "2");
  }

  @Test
  void normalisedCodesCompareWithAPrefixWithoutDotsOrCase() {
    assertThat(WordIndex.compareNormalized("E11.61", "E116")).isZero();
    assertThat(WordIndex.compareNormalized("e11.6", "E116")).isZero();
    assertThat(WordIndex.compareNormalized("E11", "E116")).isNegative();
    assertThat(WordIndex.compareNormalized("E12", "E116")).isPositive();
    assertThat(WordIndex.compareNormalized("E10.9", "E116")).isNegative();
  }
}
