package org.moltx.engine;

import java.util.List;
import org.moltx.store.TerminologyStore;

/** ValueSet/$expand: members in compose order, text-filtered, paged; never silently truncated. */
public final class ExpandService {

  public ExpandResult expand(TerminologyStore store, ExpandRequest req) {
    if (req.offset() < 0 || (req.count() != null && req.count() < 0)) {
      throw new TerminologyException(Problem.INVALID_REQUEST, "offset and count must not be negative",
          req.offset() < 0 ? "offset" : "count");
    }
    ComposeEvaluator evaluator = new ComposeEvaluator(store, req.versions(), TextFilter.of(req.filter()));
    List<ExpansionItem> all = evaluator.expand(req.valueSet());
    if (req.activeOnly() || (req.valueSet().getCompose().hasInactive() && !req.valueSet().getCompose().getInactive())) {
      all.removeIf(i -> i.release().isInactive(i.index()));
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
}
