package org.moltx.model;

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
   * The strings of {@code offsets} (-1 for null) in {@code texts}, each stored as its UTF-8 length in 7-bit groups
   * (low group first, high bit set on all but the last) followed by its UTF-8 bytes: see {@link #encode}. Entries may
   * be shared: equal strings need only be stored once.
   */
  public static TextColumn packed(ByteBuffer texts, int[] offsets) {
    return new Packed(texts.asReadOnlyBuffer(), offsets);
  }

  /** One entry of a packed buffer: {@code value}'s length prefix and UTF-8 bytes. */
  public static byte[] encode(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int prefix = 1;
    for (int n = utf8.length >>> 7; n != 0; n >>>= 7) {
      prefix++;
    }
    byte[] entry = new byte[prefix + utf8.length];
    int at = 0;
    for (int n = utf8.length; ; n >>>= 7) {
      if (n < 0x80) {
        entry[at++] = (byte) n;
        break;
      }
      entry[at++] = (byte) (n & 0x7f | 0x80);
    }
    System.arraycopy(utf8, 0, entry, at, utf8.length);
    return entry;
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
