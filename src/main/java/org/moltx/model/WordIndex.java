package org.moltx.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Search over a large release: the distinct lowercase words of the displays, sorted, each with the sorted concept
 * indexes whose display holds it ({@link Postings}); for ranking, each display's first word, word count and length;
 * and the codes sorted by their normalised form (no dots, upper case) for code-prefix search. The release builds it
 * once, while loading or on first use, and keeps it ({@link CodeSystemRelease#wordIndex()}).
 */
public final class WordIndex {
  /** Below this size a scan is as fast as the index. */
  public static final int MIN_SIZE = 2_000;

  /**
   * Whether a release is searched, and its hits ranked, through its word index (else by scanning its displays): the
   * one rule the loader, the snapshot, the expansion and the search pages share.
   */
  public static boolean covers(CodeSystemRelease r) {
    return r.size() >= MIN_SIZE;
  }

  private final String[] words;
  private final Postings postings;
  /** By concept: the word id of the display's first word, or -1. */
  private final int[] firstWord;
  /** By concept: how many words the display has (at most 127). */
  private final byte[] wordCount;
  /**
   * By concept: the display's length in chars (at most 65,535), which ranking asks of every hit; here so that it does
   * not make the display's string (of a large release, read from the mapped release snapshot: {@link TextColumn}).
   */
  private final char[] displayLength;
  /** Concept indexes sorted by normalised code. */
  private final int[] byCode;
  private final CodeSystemRelease release;

  private WordIndex(CodeSystemRelease release, String[] words, Postings postings, int[] firstWord, byte[] wordCount,
      char[] displayLength, int[] byCode) {
    this.release = release;
    this.words = words;
    this.postings = postings;
    this.firstWord = firstWord;
    this.wordCount = wordCount;
    this.displayLength = displayLength;
    this.byCode = byCode;
  }

  static WordIndex build(CodeSystemRelease r) {
    int n = r.size();
    // pass 1: each display's words as ids of first sight, in one flat array; how many concepts hold each word
    Map<String, Integer> ids = new HashMap<>();
    List<String> seen = new ArrayList<>();
    int[] flat = new int[Math.max(16, n * 8)];
    int[] start = new int[n + 1];
    int[] holders = new int[1024];
    byte[] count = new byte[n];
    char[] length = new char[n];
    int used = 0;
    for (int i = 0; i < n; i++) {
      start[i] = used;
      String display = r.display(i);
      if (display == null) {
        continue;
      }
      length[i] = (char) Math.min(display.length(), Character.MAX_VALUE);
      List<String> ws = words(display);
      count[i] = (byte) Math.min(127, ws.size());
      for (int k = 0; k < ws.size(); k++) {
        String w = ws.get(k);
        Integer id = ids.get(w);
        if (id == null) {
          id = seen.size();
          ids.put(w, id);
          seen.add(w);
          if (id == holders.length) {
            holders = Arrays.copyOf(holders, id * 2);
          }
        }
        boolean again = false;
        for (int j = start[i]; j < used && !again; j++) {
          again = flat[j] == id;
        }
        if (!again) {
          if (used == flat.length) {
            flat = Arrays.copyOf(flat, used * 2 + 16);
          }
          holders[id]++;
          flat[used++] = id; // the first entry of a concept is its display's first word
        }
      }
    }
    start[n] = used;
    // the words sorted; each first-sight id mapped to its sorted place
    String[] words = seen.toArray(new String[0]);
    Integer[] order = new Integer[words.length];
    for (int w = 0; w < order.length; w++) {
      order[w] = w;
    }
    Arrays.sort(order, (a, b) -> words[a].compareTo(words[b]));
    int[] place = new int[words.length];
    String[] sorted = new String[words.length];
    for (int p = 0; p < order.length; p++) {
      place[order[p]] = p;
      sorted[p] = words[order[p]];
    }
    // pass 2: the postings, concept indexes ascending because concepts are visited in order
    int[][] postings = new int[sorted.length][];
    for (int w = 0; w < words.length; w++) {
      postings[place[w]] = new int[holders[w]];
    }
    int[] fill = new int[sorted.length];
    int[] firstWord = new int[n];
    for (int i = 0; i < n; i++) {
      firstWord[i] = start[i] == start[i + 1] ? -1 : place[flat[start[i]]];
      for (int j = start[i]; j < start[i + 1]; j++) {
        int w = place[flat[j]];
        postings[w][fill[w]++] = i;
      }
    }
    // the codes by their normalised form: release order is usually near it already, which the sort makes use of
    String[] norm = new String[n];
    Integer[] byCodeBoxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      norm[i] = normalizeCode(r.code(i));
      byCodeBoxed[i] = i;
    }
    Arrays.sort(byCodeBoxed, (a, b) -> norm[a].compareTo(norm[b]));
    int[] byCode = new int[n];
    for (int i = 0; i < n; i++) {
      byCode[i] = byCodeBoxed[i];
    }
    return new WordIndex(r, sorted, Postings.of(postings), firstWord, count, length, byCode);
  }

  /** Writes this index in the layout {@link #read} reads (the release snapshot holds it beside its release). */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(words.length);
    for (String word : words) {
      out.writeUTF(word);
    }
    postings.write(out);
    writeInts(out, firstWord);
    out.writeInt(wordCount.length);
    out.write(wordCount);
    out.writeInt(displayLength.length);
    for (char c : displayLength) {
      out.writeChar(c);
    }
    writeInts(out, byCode);
  }

  /** The index {@link #write} wrote for {@code release}. */
  public static WordIndex read(DataInputStream in, CodeSystemRelease release) throws IOException {
    String[] words = new String[in.readInt()];
    for (int w = 0; w < words.length; w++) {
      words[w] = in.readUTF();
    }
    Postings postings = Postings.read(in);
    if (postings.size() != words.length) {
      throw new IOException("the word index has " + words.length + " words and " + postings.size() + " posting lists");
    }
    int[] firstWord = readInts(in);
    byte[] wordCount = in.readNBytes(in.readInt());
    char[] displayLength = new char[in.readInt()];
    ByteBuffer.wrap(in.readNBytes(displayLength.length * 2)).asCharBuffer().get(displayLength);
    int[] byCode = readInts(in);
    if (firstWord.length != release.size() || wordCount.length != release.size()
        || displayLength.length != release.size() || byCode.length != release.size()) {
      throw new IOException("the word index is of a release of another size than " + release);
    }
    return new WordIndex(release, words, postings, firstWord, wordCount, displayLength, byCode);
  }

  static void writeInts(DataOutputStream out, int[] values) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4);
    b.asIntBuffer().put(values);
    out.writeInt(values.length);
    out.write(b.array());
  }

  static int[] readInts(DataInputStream in) throws IOException {
    int[] values = new int[in.readInt()];
    ByteBuffer.wrap(in.readNBytes(values.length * 4)).asIntBuffer().get(values);
    return values;
  }

  /** A code as code-prefix search compares it: without dots, upper case ("e11.6" and "E116" are both "E116"). */
  public static String normalizeCode(String code) {
    return code.replace(".", "").toUpperCase(Locale.ROOT);
  }

  /** Lowercase words of a text, without accents ("Fièvre" gives "fievre"): runs of letters and digits. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        break;
      }
    }
    int n = text.length();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean wordChar = false;
      if (i < n) {
        char c = text.charAt(i);
        wordChar = Character.isLetterOrDigit(c) || Character.isSurrogate(c);
      }
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
    }
    return out;
  }

  /** The range [from, to) of word ids starting with {@code prefix} (lowercase). */
  public int[] wordRange(String prefix) {
    int from = Arrays.binarySearch(words, prefix);
    if (from < 0) {
      from = -from - 1;
    }
    int to = from;
    while (to < words.length && words[to].startsWith(prefix)) {
      to++;
    }
    return new int[] {from, to};
  }

  /** Concepts whose display has a word starting with {@code prefix} (lowercase). */
  public BitSet withWordPrefix(String prefix) {
    BitSet result = new BitSet();
    int[] range = wordRange(prefix);
    for (int w = range[0]; w < range[1]; w++) {
      postings.addTo(w, result);
    }
    return result;
  }

  /** Concepts whose display has exactly the word {@code word} (lowercase). */
  public BitSet withWord(String word) {
    BitSet result = new BitSet();
    int w = Arrays.binarySearch(words, word);
    if (w >= 0) {
      postings.addTo(w, result);
    }
    return result;
  }

  /** The word id of concept i's first display word, or -1. */
  public int firstWord(int i) {
    return firstWord[i];
  }

  /** How many words concept i's display has (at most 127). */
  public int wordCount(int i) {
    return wordCount[i];
  }

  /** The length of concept i's display in chars (at most 65,535; 0 for none). */
  public int displayLength(int i) {
    return displayLength[i];
  }

  /** Concepts whose normalised code ({@link #normalizeCode}) starts with {@code prefix} (normalised). */
  public BitSet withCodePrefix(String prefix) {
    BitSet result = new BitSet();
    int lo = 0;
    int hi = byCode.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareNormalized(release.code(byCode[mid]), prefix) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int k = lo; k < byCode.length && compareNormalized(release.code(byCode[k]), prefix) == 0; k++) {
      result.set(byCode[k]);
    }
    return result;
  }

  /**
   * How a code, normalised, compares with a normalised prefix: 0 when it starts with it, else the sign of comparing
   * the code with the prefix (as normalised strings), without making the normalised string.
   */
  static int compareNormalized(String code, String prefix) {
    int k = 0;
    for (int j = 0; j < code.length() && k < prefix.length(); j++) {
      char c = code.charAt(j);
      if (c == '.') {
        continue;
      }
      char u = Character.toUpperCase(c);
      if (u != prefix.charAt(k)) {
        return u < prefix.charAt(k) ? -1 : 1;
      }
      k++;
    }
    return k == prefix.length() ? 0 : -1;
  }
}
