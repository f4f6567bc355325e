package org.moltx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Posting lists read back as written, whatever the gaps between their concepts. */
class PostingsTest {
  private static final int[][] LISTS = {
      {0, 1, 2, 130, 16_515, 16_516, 2_114_000, 300_000_000},
      {},
      {127},
      {128, 16_511, 16_512, Integer.MAX_VALUE - 1},
      {5}};

  @Test
  void eachWordGivesItsConcepts() {
    Postings postings = Postings.of(LISTS);

    assertThat(postings.size()).isEqualTo(5);
    for (int w = 0; w < LISTS.length; w++) {
      assertThat(concepts(postings, w)).as("word " + w).containsExactly(LISTS[w]);
    }
  }

  @Test
  void listsAddUp() {
    BitSet out = new BitSet();
    Postings postings = Postings.of(LISTS);
    postings.addTo(2, out);
    postings.addTo(4, out);
    postings.addTo(1, out);

    assertThat(out.stream().toArray()).containsExactly(5, 127);
  }

  @Test
  void readsWhatItWrote() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Postings.of(LISTS).write(new DataOutputStream(bytes));
    Postings read = Postings.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(read.size()).isEqualTo(5);
    for (int w = 0; w < LISTS.length; w++) {
      assertThat(concepts(read, w)).as("word " + w).containsExactly(LISTS[w]);
    }
  }

  @Test
  void aTruncatedListIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Postings.of(LISTS).write(new DataOutputStream(bytes));
    byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 1);

    assertThatThrownBy(() -> Postings.read(new DataInputStream(new ByteArrayInputStream(truncated))))
        .isInstanceOf(IOException.class).hasMessage("the postings' offsets do not match their 28 bytes");
  }

  private static int[] concepts(Postings postings, int w) {
    BitSet out = new BitSet();
    postings.addTo(w, out);
    return out.stream().toArray();
  }
}
