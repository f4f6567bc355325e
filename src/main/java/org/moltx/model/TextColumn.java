package org.moltx.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One string per concept (a release's displays, or its designations' values), by concept index. A release parsed
 * from its files keeps String objects; a large release read from a snapshot keeps UTF-8 bytes in one buffer, most
 * often a read-only mapping of the snapshot file, with each concept's offset into it. For ICD-10-CM's 98,000 long
 * and short titles that is 4 bytes per concept on the heap instead of two objects each (String and byte[], about
 * 11 MB and 5 MB of the live heap), and the text itself stays in the file's pages until a request reads it.
 */
public abstract sealed class TextColumn {
  private TextColumn() {}

  /** Concept i's string, or null. */
  public abstract String get(int i);

  public static TextColumn of(String[] values) {
    return new Strings(values);
  }

  /**
   * The strings of {@code offsets} (-1 for null) in {@code texts}, each stored as {@link #encode} writes it. Entries
   * may be shared: equal strings need only be stored once.
   */
  public static TextColumn packed(ByteBuffer texts, int[] offsets) {
    return new Packed(texts.asReadOnlyBuffer(), offsets);
  }

  /** One entry of a packed buffer: {@code value}'s UTF-8 length ({@link VarInts}) and UTF-8 bytes. */
  public static byte[] encode(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream entry = new ByteArrayOutputStream(utf8.length + 5);
    VarInts.write(entry, utf8.length);
    entry.writeBytes(utf8);
    return entry.toByteArray();
  }

  private static final class Strings extends TextColumn {
    private final String[] values;

    Strings(String[] values) {
      this.values = values;
    }

    @Override
    public String get(int i) {
      return values[i];
    }
  }

  private static final class Packed extends TextColumn {
    /** Read with absolute gets only, so that concurrent readers share it without a copy each. */
    private final ByteBuffer texts;
    private final int[] offsets;

    Packed(ByteBuffer texts, int[] offsets) {
      this.texts = texts;
      this.offsets = offsets;
    }

    @Override
    public String get(int i) {
      int at = offsets[i];
      if (at < 0) {
        return null;
      }
      int length = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = texts.get(at++);
        length |= (b & 0x7f) << shift;
        if (b >= 0) {
          break;
        }
      }
      byte[] utf8 = new byte[length];
      texts.get(at, utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }
  }
}
