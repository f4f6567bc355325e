package org.moltx.model;

import java.io.ByteArrayOutputStream;

/**
 * The variable-length ints of the compact model (posting gaps, text lengths): 7-bit groups, low group first, the
 * high bit set on all but the last byte. Readers decode them in place, from their own arrays or buffers.
 */
final class VarInts {
  private VarInts() {}

  /** Appends {@code value} (not negative). */
  static void write(ByteArrayOutputStream out, int value) {
    while (value >= 0x80) {
      out.write(value & 0x7f | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
