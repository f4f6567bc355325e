package org.moltx.engine;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.WordIndex;

/**
 * The $expand {@code filter}: every word of the filter must begin a word of the display (case-insensitive), or the
 * filter, when it looks like a code or the start of one ("E11.6", "e116", "207ZP", "81"), is a prefix of the code,
 * both without dots and in upper case. Large releases answer from their {@link WordIndex}.
 *
 * <p>Ranking ({@link #rank}): a smaller key comes first.
 * <ol>
 *   <li>the exact code (normalised: "e116" is E11.6);</li>
 *   <li>codes that begin with the filter: shorter codes first;</li>
 *   <li>text matches: the display's first word matching the filter's first word first; then fewer filter words
 *   that only begin a display word (whole words first); then fewer display words; then selectable before
 *   abstract (ICD-10-CM headers); then shorter displays;</li>
 * </ol>
 * and ties in the order the expansion would otherwise have (the code system's order).
 */
final class TextFilter {
  /** The longest code a filter may be taken for. */
  private static final int MAX_CODE = 40;

  private final String text;
  private final List<String> words;
  /** The filter as a normalised code prefix, or null when it does not look like a code. */
  private final String codePrefix;

  private TextFilter(String text) {
    this.text = text.toLowerCase(Locale.ROOT).trim();
    List<String> ws = WordIndex.words(text).stream().distinct().toList();
    this.words = ws.size() > 64 ? ws.subList(0, 64) : ws;
    this.codePrefix = looksLikeCode(this.text) ? WordIndex.normalizeCode(this.text) : null;
  }

  static TextFilter of(String filter) {
    return filter == null || filter.isBlank() ? null : new TextFilter(filter);
  }

  /** One token of letters, digits, dots and hyphens, starting with a letter or digit, with a digit in it or short. */
  private static boolean looksLikeCode(String s) {
    if (s.isEmpty() || s.length() > MAX_CODE || !Character.isLetterOrDigit(s.charAt(0))) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
      if (!ok) {
        return false;
      }
    }
    return !WordIndex.normalizeCode(s).isEmpty();
  }

  /** Matching concepts of a large release, or null when the release is small enough to test one by one. */
  BitSet candidates(CodeSystemRelease r) {
    if (!WordIndex.covers(r)) {
      return null;
    }
    WordIndex index = r.wordIndex();
    BitSet result = null;
    for (String w : words) {
      BitSet hits = index.withWordPrefix(w);
      if (result == null) {
        result = hits;
      } else {
        result.and(hits);
      }
      if (result.isEmpty()) {
        break;
      }
    }
    result = result == null ? new BitSet() : result;
    int byCode = r.indexOf(text.toUpperCase(Locale.ROOT));
    if (byCode >= 0) {
      result.set(byCode);
    }
    if (codePrefix != null) {
      result.or(index.withCodePrefix(codePrefix));
    }
    return result;
  }

  boolean matches(String code, String display) {
    if (codeTier(code) >= 0) {
      return true;
    }
    if (display == null || words.isEmpty()) {
      return false;
    }
    List<String> displayWords = WordIndex.words(display);
    return words.stream().allMatch(w -> displayWords.stream().anyMatch(d -> d.startsWith(w)));
  }

  /** How a code matches: 0 exactly, 1 as a prefix (both normalised when the filter looks like a code), -1 not. */
  private int codeTier(String code) {
    if (code.equalsIgnoreCase(text)) {
      return 0;
    }
    if (codePrefix == null) {
      return code.regionMatches(true, 0, text, 0, text.length()) ? 1 : -1;
    }
    int k = 0;
    for (int j = 0; j < code.length(); j++) {
      char c = code.charAt(j);
      if (c == '.') {
        continue;
      }
      if (k == codePrefix.length()) {
        return 1;
      }
      if (Character.toUpperCase(c) != codePrefix.charAt(k)) {
        return -1;
      }
      k++;
    }
    return k == codePrefix.length() ? 0 : -1;
  }

  private static long codeKey(int tier, String code) {
    return (long) tier << 61 | (long) Math.min(255, WordIndex.normalizeCode(code).length()) << 53;
  }

  private static long textKey(boolean firstWordFirst, int partialWords, int displayWords, boolean notSelectable,
      int displayLength) {
    return 2L << 61 | (firstWordFirst ? 0L : 1L) << 60 | (long) Math.min(63, partialWords) << 54
        | (long) Math.min(127, displayWords) << 47 | (notSelectable ? 1L : 0L) << 46
        | (long) Math.min(4095, displayLength) << 34;
  }

  /** The rank key of a match (see the class comment); the low 34 bits are free for the caller's tie-break. */
  long rank(CodeSystemRelease r, int i, String display) {
    int tier = codeTier(r.code(i));
    if (tier >= 0) {
      return codeKey(tier, r.code(i));
    }
    if (display == null || words.isEmpty()) {
      return 3L << 61;
    }
    List<String> dw = WordIndex.words(display);
    boolean first = !dw.isEmpty() && dw.get(0).startsWith(words.get(0));
    int partial = 0;
    for (String w : words) {
      if (!dw.contains(w)) {
        partial++;
      }
    }
    return textKey(first, partial, dw.size(), r.isAbstract(i), display.length());
  }

  /**
   * A ranker for the hits of a large release: the same keys as {@link #rank}, read from the word index; the code
   * matches are found once by the code index, so that a text hit costs a few array and bit lookups.
   */
  Ranker ranker(CodeSystemRelease r) {
    WordIndex index = r.wordIndex();
    int[] firstRange = words.isEmpty() ? new int[] {0, 0} : index.wordRange(words.get(0));
    BitSet[] whole = new BitSet[words.size()];
    for (int w = 0; w < whole.length; w++) {
      whole[w] = index.withWord(words.get(w));
    }
    BitSet byCode = codePrefix != null ? index.withCodePrefix(codePrefix) : new BitSet();
    int exact = r.indexOf(text.toUpperCase(Locale.ROOT));
    if (exact >= 0) {
      byCode.set(exact);
    }
    return i -> {
      if (byCode.get(i)) {
        int tier = codeTier(r.code(i));
        if (tier >= 0) {
          return codeKey(tier, r.code(i));
        }
      }
      int fw = index.firstWord(i);
      if (whole.length == 0 || fw < 0) { // no words to rank by, or a display without any (or none)
        return 3L << 61;
      }
      int partial = 0;
      for (BitSet b : whole) {
        if (!b.get(i)) {
          partial++;
        }
      }
      return textKey(fw >= firstRange[0] && fw < firstRange[1], partial, index.wordCount(i), r.isAbstract(i),
          index.displayLength(i));
    };
  }

  /** The rank key of concept i of one release. */
  interface Ranker {
    long key(int i);
  }
}
