package org.moltx.engine;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.WordIndex;

/**
 * The $expand {@code filter}: every word of the filter must begin a word of the display (case-insensitive), or
 * the filter is a prefix of the code. Large releases answer from their {@link WordIndex}.
 */
final class TextFilter {
  private final String text;
  private final List<String> words;

  private TextFilter(String text) {
    this.text = text.toLowerCase(Locale.ROOT).trim();
    this.words = WordIndex.words(text);
  }

  static TextFilter of(String filter) {
    return filter == null || filter.isBlank() ? null : new TextFilter(filter);
  }

  /** Matching concepts of a large release, or null when the release is small enough to test one by one. */
  BitSet candidates(CodeSystemRelease r) {
    if (r.size() < WordIndex.MIN_SIZE) {
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
    }
    result = result == null ? new BitSet() : result;
    int byCode = r.indexOf(text.toUpperCase(Locale.ROOT));
    if (byCode >= 0) {
      result.set(byCode);
    }
    return result;
  }

  boolean matches(String code, String display) {
    if (code.toLowerCase(Locale.ROOT).startsWith(text)) {
      return true;
    }
    if (display == null) {
      return false;
    }
    List<String> displayWords = WordIndex.words(display);
    return words.stream().allMatch(w -> displayWords.stream().anyMatch(d -> d.startsWith(w)));
  }
}
