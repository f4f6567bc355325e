package org.moltx.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextColumnTest {
  @Test
  void packedTextsReadBackAsTheStringsStored() {
    // lengths either side of each 7-bit group of the length prefix, text beyond ASCII, a shared entry and a null
    List<String> values = List.of("", "Cholera", "x".repeat(127), "y".repeat(128), "z".repeat(16_384),
        "Maladie de Hodgkin, \u00e9tat non pr\u00e9cis\u00e9 \u2013 \ud83e\uddec");
    ByteArrayOutputStream texts = new ByteArrayOutputStream();
    int[] offsets = new int[values.size() + 2];
    for (int i = 0; i < values.size(); i++) {
      offsets[i] = texts.size();
      texts.writeBytes(TextColumn.encode(values.get(i)));
    }
    offsets[values.size()] = offsets[1];
    offsets[values.size() + 1] = -1;
    ByteBuffer buffer = ByteBuffer.wrap(texts.toByteArray());
    TextColumn column = TextColumn.packed(buffer, offsets);

    for (int i = 0; i < values.size(); i++) {
      assertThat(column.get(i)).isEqualTo(values.get(i));
    }
    assertThat(column.get(values.size())).isEqualTo("Cholera");
    assertThat(column.get(values.size() + 1)).isNull();
    assertThat(buffer.position()).as("absolute reads leave the shared buffer as it was").isZero();
  }

  @Test
  void theLengthPrefixTakesOneByteForEachSevenBitsOfTheLength() {
    assertThat(TextColumn.encode("")).containsExactly(0);
    assertThat(TextColumn.encode("A")).containsExactly(1, 'A');
    assertThat(TextColumn.encode("y".repeat(128))).startsWith(0x80, 0x01).hasSize(2 + 128);
    assertThat(TextColumn.encode("\u00e9")).containsExactly(2, 0xc3, 0xa9);
  }

  @Test
  void aColumnOfStringsHandsBackTheSameObjects() {
    String[] values = {"a", null};
    TextColumn column = TextColumn.of(values);
    assertThat(column.get(0)).isSameAs(values[0]);
    assertThat(column.get(1)).isNull();
  }
}
