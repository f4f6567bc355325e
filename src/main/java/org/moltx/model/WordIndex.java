package org.moltx.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word-prefix search over the displays of a large release: the distinct lowercase words, sorted, each with the
 * sorted concept indexes whose display holds it. The release builds it on first use and keeps it
 * ({@link CodeSystemRelease#wordIndex()}).
 */
public final class WordIndex {
  /** Below this size a scan is as fast as the index. */
  public static final int MIN_SIZE = 2_000;

  private final String[] words;
  private final int[][] postings;

  private WordIndex(String[] words, int[][] postings) {
    this.words = words;
    this.postings = postings;
  }

  static WordIndex build(CodeSystemRelease r) {
    Map<String, List<Integer>> byWord = new HashMap<>();
    for (int i = 0; i < r.size(); i++) {
      String display = r.display(i);
      if (display == null) {
        continue;
      }
      for (String w : words(display)) {
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
    return new WordIndex(words, postings);
  }

  /** Lowercase words of a text: runs of letters and digits. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Concepts whose display has a word starting with {@code prefix} (lowercase). */
  public BitSet withWordPrefix(String prefix) {
    BitSet result = new BitSet();
    int from = Arrays.binarySearch(words, prefix);
    if (from < 0) {
      from = -from - 1;
    }
    for (int w = from; w < words.length && words[w].startsWith(prefix); w++) {
      for (int i : postings[w]) {
        result.set(i);
      }
    }
    return result;
  }
}
