package org.moltx.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.moltx.model.CodeSystemRelease;
import org.moltx.model.WordIndex;
import org.moltx.store.TerminologyStore;

/**
 * ValueSet/$expand: members in compose order, text-filtered, paged; never silently truncated. A text filter over a
 * large release ranks the matches ({@link TextFilter}): a search over a whole large release from its word index,
 * making items of only the page's best; any other value set drawing on a large release by ranking its members.
 */
public final class ExpandService {
  /** The low bits of a rank key that hold the position (or concept index) breaking ties. */
  private static final long POSITION = (1L << 34) - 1;

  public ExpandResult expand(TerminologyStore store, ExpandRequest req) {
    if (req.offset() < 0 || (req.count() != null && req.count() < 0)) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "offset and count must not be negative",
          req.offset() < 0 ? "offset" : "count");
    }
    for (String system : req.excludeSystems()) {
      org.moltx.model.Canonical c = org.moltx.model.Canonical.parse(system);
      if (system.isBlank() || c.url().isEmpty() || system.endsWith("|")) {
        throw new TerminologyException(Problem.INVALID_REQUEST, "exclude-system must be a code system url, or "
            + "url|version, not '" + system + "'", "exclude-system");
      }
    }
    TextFilter text = TextFilter.of(req.filter());
    ComposeEvaluator evaluator = new ComposeEvaluator(store, req.versions(), text, req.excludeSystems());
    ComposeEvaluator.Search search = req.count() != null && req.excludeSystems().isEmpty()
        ? evaluator.search(req.valueSet()) : null;
    if (search != null) {
      return page(req, evaluator, search, text);
    }
    List<ExpansionItem> all = evaluator.expand(req.valueSet());
    if (req.activeOnly() || (req.valueSet().getCompose().hasInactive() && !req.valueSet().getCompose().getInactive())) {
      all.removeIf(i -> i.release().isInactive(i.index()));
    }
    if (req.excludeNotForUI()) {
      // only what a user may pick: the abstract codes go, their descendants stay (nested under a selectable parent)
      all.removeIf(i -> i.release().isAbstract(i.index()));
    }
    boolean ranked = text != null && ranks(all);
    if (ranked) {
      all = rank(all, text);
    }
    int total = all.size();
    boolean incomplete = req.count() == null && total > req.maxSize() && req.incompleteOk();
    if (req.count() == null && total > req.maxSize() && !incomplete) {
      String url = req.valueSet().getUrl() + (req.valueSet().hasVersion() ? "|" + req.valueSet().getVersion() : "");
      throw new TerminologyException(Problem.TOO_COSTLY, MessageId.VALUESET_TOO_COSTLY,
          MessageId.VALUESET_TOO_COSTLY.text(url, req.maxSize(), total), "count");
    }
    int from = Math.min(req.offset(), total);
    int count = incomplete ? req.maxSize() : req.count() == null ? total : req.count();
    int to = (int) Math.min((long) from + count, total);
    return new ExpandResult(req.valueSet(), all.subList(from, to), total, req.offset(), evaluator.usedCodeSystems(),
        evaluator.usedValueSets(), evaluator.appliedVersionRules(), evaluator.flagged(), evaluator.versionsMatched(),
        incomplete, ranked);
  }

  /**
   * Whether a filtered expansion is ranked: when it draws on a large release (ICD-10-CM, CPT, HCPCS...). Members of
   * small code systems only keep compose order, nested as their hierarchy says (what the HL7 ecosystem tests expect).
   */
  private static boolean ranks(List<ExpansionItem> items) {
    for (ExpansionItem item : items) {
      if (WordIndex.covers(item.release())) {
        return true;
      }
    }
    return false;
  }

  /** The items in rank order ({@link TextFilter#rank}); ties keep their order. */
  private static List<ExpansionItem> rank(List<ExpansionItem> items, TextFilter text) {
    long[] keys = new long[items.size()];
    for (int n = 0; n < keys.length; n++) {
      ExpansionItem item = items.get(n);
      keys[n] = text.rank(item.release(), item.index(), item.display()) | n;
    }
    Arrays.sort(keys);
    List<ExpansionItem> out = new ArrayList<>(keys.length);
    for (long k : keys) {
      out.add(items.get((int) (k & POSITION)));
    }
    return out;
  }

  /** A page of a text search's hits: counted by bits, ranked, and only the page's concepts made into items. */
  private static ExpandResult page(ExpandRequest req, ComposeEvaluator evaluator, ComposeEvaluator.Search search,
      TextFilter text) {
    CodeSystemRelease r = search.release();
    BitSet hits = search.hits();
    boolean activeOnly = req.activeOnly()
        || (req.valueSet().getCompose().hasInactive() && !req.valueSet().getCompose().getInactive());
    if (activeOnly || req.excludeNotForUI()) {
      for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
        if (activeOnly && r.isInactive(i) || req.excludeNotForUI() && r.isAbstract(i)) {
          hits.clear(i);
        }
      }
    }
    int total = hits.cardinality();
    int from = Math.min(req.offset(), total);
    int to = (int) Math.min((long) from + req.count(), total);
    List<ExpansionItem> page = new ArrayList<>(to - from);
    if (to > from) {
      long[] keys = new long[total];
      TextFilter.Ranker ranker = text.ranker(r);
      int n = 0;
      for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
        keys[n++] = ranker.key(i) | i;
      }
      long[] top = smallest(keys, n, to);
      for (int k = from; k < to; k++) {
        int i = (int) (top[k] & POSITION);
        page.add(new ExpansionItem(r, i, r.display(i)));
      }
    }
    return new ExpandResult(req.valueSet(), page, total, req.offset(), evaluator.usedCodeSystems(),
        evaluator.usedValueSets(), evaluator.appliedVersionRules(), evaluator.flagged(), evaluator.versionsMatched(),
        false, true);
  }

  /** The {@code k} smallest of the first {@code n} keys, in order, without sorting them all when k is small. */
  static long[] smallest(long[] keys, int n, int k) {
    if (k <= 0) {
      return new long[0];
    }
    if (k >= n / 4) {
      long[] all = Arrays.copyOf(keys, n);
      Arrays.sort(all);
      return Arrays.copyOf(all, Math.min(k, n));
    }
    long[] top = new long[k];
    int filled = 0;
    for (int j = 0; j < n; j++) {
      long key = keys[j];
      if (filled == k && key >= top[k - 1]) {
        continue;
      }
      int at = Arrays.binarySearch(top, 0, filled, key);
      at = at < 0 ? -at - 1 : at;
      int last = filled == k ? k - 1 : filled;
      System.arraycopy(top, at, top, at + 1, last - at);
      top[at] = key;
      if (filled < k) {
        filled++;
      }
    }
    return Arrays.copyOf(top, filled);
  }
}
