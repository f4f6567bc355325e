package org.moltx.engine;

import java.util.List;
import org.moltx.model.CodeSystemRelease;
import org.moltx.store.TerminologyStore;

/** ValueSet/$expand: members in compose order, text-filtered, paged; never silently truncated. */
public final class ExpandService {

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
    ComposeEvaluator evaluator = new ComposeEvaluator(store, req.versions(), TextFilter.of(req.filter()),
        req.excludeSystems());
    ComposeEvaluator.Search search = req.count() != null && req.excludeSystems().isEmpty()
        ? evaluator.search(req.valueSet()) : null;
    if (search != null) {
      return page(req, evaluator, search);
    }
    List<ExpansionItem> all = evaluator.expand(req.valueSet());
    if (req.activeOnly() || (req.valueSet().getCompose().hasInactive() && !req.valueSet().getCompose().getInactive())) {
      all.removeIf(i -> i.release().isInactive(i.index()));
    }
    if (req.excludeNotForUI()) {
      // only what a user may pick: the abstract codes go, their descendants stay (nested under a selectable parent)
      all.removeIf(i -> i.release().isAbstract(i.index()));
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
        incomplete);
  }

  /** A page of a text search's hits: counted by bits, and only the page's concepts made into items. */
  private static ExpandResult page(ExpandRequest req, ComposeEvaluator evaluator, ComposeEvaluator.Search search) {
    CodeSystemRelease r = search.release();
    java.util.BitSet hits = search.hits();
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
    List<ExpansionItem> page = new java.util.ArrayList<>(Math.min(req.count(), Math.max(0, total - req.offset())));
    int skipped = 0;
    for (int i = hits.nextSetBit(0); i >= 0 && page.size() < req.count(); i = hits.nextSetBit(i + 1)) {
      if (skipped++ >= req.offset()) {
        page.add(new ExpansionItem(r, i, r.display(i)));
      }
    }
    return new ExpandResult(req.valueSet(), page, total, req.offset(), evaluator.usedCodeSystems(),
        evaluator.usedValueSets(), evaluator.appliedVersionRules(), evaluator.flagged(), evaluator.versionsMatched(),
        false);
  }
}
