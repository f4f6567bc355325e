package org.moltx.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;

/**
 * The posting lists of a {@link WordIndex}: for each word id, the ascending concept indexes whose display holds it,
 * stored as the gaps between them (each minus one) as {@link VarInts}, all lists in one byte array. ICD-10-CM's
 * 900,000 postings take 0.9 MB so instead of 3.6 MB of ints.
 */
final class Postings {
  /** Word w's list is {@code bytes[start[w]]} to {@code bytes[start[w + 1] - 1]}. */
  private final int[] start;
  private final byte[] bytes;

  private Postings(int[] start, byte[] bytes) {
    this.start = start;
    this.bytes = bytes;
  }

  /** The postings of these lists, each ascending, by word id. */
  static Postings of(int[][] lists) {
    int[] start = new int[lists.length + 1];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int w = 0; w < lists.length; w++) {
      int previous = -1;
      for (int concept : lists[w]) {
        VarInts.write(out, concept - previous - 1);
        previous = concept;
      }
      start[w + 1] = out.size();
    }
    return new Postings(start, out.toByteArray());
  }

  /** How many words have a list. */
  int size() {
    return start.length - 1;
  }

  /** Sets the bits of word w's concepts in {@code out}. */
  void addTo(int w, BitSet out) {
    int concept = -1;
    int k = start[w];
    int end = start[w + 1];
    while (k < end) {
      int gap = 0;
      int shift = 0;
      byte b;
      do {
        b = bytes[k++];
        gap |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      concept += gap + 1;
      out.set(concept);
    }
  }

  void write(DataOutputStream out) throws IOException {
    WordIndex.writeInts(out, start);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** The postings {@link #write} wrote. */
  static Postings read(DataInputStream in) throws IOException {
    int[] start = WordIndex.readInts(in);
    byte[] bytes = in.readNBytes(in.readInt());
    boolean ascending = start.length > 0 && start[0] == 0 && start[start.length - 1] == bytes.length;
    for (int w = 1; ascending && w < start.length; w++) {
      ascending = start[w - 1] <= start[w];
    }
    if (!ascending) {
      throw new IOException("the postings' offsets do not match their " + bytes.length + " bytes");
    }
    return new Postings(start, bytes);
  }
}
