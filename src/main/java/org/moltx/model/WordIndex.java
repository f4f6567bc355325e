package org.moltx.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Search over a large release: the distinct lowercase words of the displays, sorted, each with the sorted concept
 * indexes whose display holds it; for ranking, each display's first word and word count; and the codes sorted by
 * their normalised form (no dots, upper case) for code-prefix search. The release builds it once, while loading or
 * on first use, and keeps it ({@link CodeSystemRelease#wordIndex()}).
 */
public final class WordIndex {
  /** Below this size a scan is as fast as the index. */
  public static final int MIN_SIZE = 2_000;

  private final String[] words;
  private final int[][] postings;
  /** By concept: the word id of the display's first word, or -1. */
  private final int[] firstWord;
  /** By concept: how many words the display has (at most 127). */
  private final byte[] wordCount;
  /** Concept indexes sorted by normalised code. */
  private final int[] byCode;
  private final CodeSystemRelease release;

  private WordIndex(CodeSystemRelease release, String[] words, int[][] postings, int[] firstWord, byte[] wordCount,
      int[] byCode) {
    this.release = release;
    this.words = words;
    this.postings = postings;
    this.firstWord = firstWord;
    this.wordCount = wordCount;
    this.byCode = byCode;
  }

  static WordIndex build(CodeSystemRelease r) {
    Map<String, List<Integer>> byWord = new HashMap<>();
    String[] first = new String[r.size()];
    byte[] count = new byte[r.size()];
    for (int i = 0; i < r.size(); i++) {
      String display = r.display(i);
      if (display == null) {
        continue;
      }
      List<String> ws = words(display);
      count[i] = (byte) Math.min(127, ws.size());
      first[i] = ws.isEmpty() ? null : ws.get(0);
      for (String w : ws) {
        List<Integer> list = byWord.computeIfAbsent(w, k -> new ArrayList<>(4));
        if (list.isEmpty() || list.get(list.size() - 1) != i) {
          list.add(i);
        }
      }
    }
    String[] words = byWord.keySet().toArray(new String[0]);
    Arrays.sort(words);
    int[][] postings = new int[words.length][];
    for (int w = 0; w < words.length; w++) {
      postings[w] = byWord.get(words[w]).stream().mapToInt(Integer::intValue).toArray();
    }
    int[] firstWord = new int[r.size()];
    for (int i = 0; i < r.size(); i++) {
      firstWord[i] = first[i] == null ? -1 : Arrays.binarySearch(words, first[i]);
    }
    String[] norm = new String[r.size()];
    for (int i = 0; i < r.size(); i++) {
      norm[i] = normalizeCode(r.code(i));
    }
    int[] byCode = java.util.stream.IntStream.range(0, r.size()).boxed()
        .sorted((a, b) -> norm[a].compareTo(norm[b])).mapToInt(Integer::intValue).toArray();
    return new WordIndex(r, words, postings, firstWord, count, byCode);
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
      for (int i : postings[w]) {
        result.set(i);
      }
    }
    return result;
  }

  /** Concepts whose display has exactly the word {@code word} (lowercase). */
  public BitSet withWord(String word) {
    BitSet result = new BitSet();
    int w = Arrays.binarySearch(words, word);
    if (w >= 0) {
      for (int i : postings[w]) {
        result.set(i);
      }
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

  /** Concepts whose normalised code ({@link #normalizeCode}) starts with {@code prefix} (normalised). */
  public BitSet withCodePrefix(String prefix) {
    BitSet result = new BitSet();
    int lo = 0;
    int hi = byCode.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (normalizeCode(release.code(byCode[mid])).compareTo(prefix) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int k = lo; k < byCode.length && normalizeCode(release.code(byCode[k])).startsWith(prefix); k++) {
      result.set(byCode[k]);
    }
    return result;
  }
}
