package org.moltx.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moltx.engine.Indications.Indication;

/**
 * Whether an order's diagnoses support its CPT test: the one decision that the CDS Hooks service and the order check
 * page both give. A diagnosis supports the test when it is an accepted indication or falls under one (C92.01 under
 * the accepted category C92.0).
 *
 * @param indications what the content accepts for the test
 * @param findings one per diagnosis asked about, in the order given
 */
public record OrderCheck(Indications indications, List<Finding> findings) {

  /** The answer for the order as a whole. */
  public enum Outcome {
    /** A diagnosis is itself an accepted indication. */
    SUPPORTED,
    /** No diagnosis is listed itself, but one falls under an accepted category. */
    SUPPORTED_THROUGH_ANCESTOR,
    /** No diagnosis is or falls under an accepted indication. */
    NOT_SUPPORTED,
    /** The test is outside the indication content: nothing to check. */
    UNKNOWN_TEST
  }

  /**
   * One diagnosis: as given, its official title (null when the ICD-10-CM release does not know it), and the accepted
   * indication that covers it (null when none does).
   */
  public record Finding(String code, String title, Indication coveredBy) {
    public boolean supports() {
      return coveredBy != null;
    }

    /** Supported through an ancestor: the covering indication is a category above the code. */
    public boolean throughAncestor() {
      return coveredBy != null && !coveredBy.diagnosis().code().equals(Indications.normalize(code));
    }
  }

  static OrderCheck of(Indications indications, List<String> diagnoses) {
    List<Finding> findings = new ArrayList<>();
    for (String d : diagnoses) {
      Optional<Indication> covering = indications.covering(d);
      findings.add(new Finding(Indications.normalize(d), indications.icd10cmDisplay(d), covering.orElse(null)));
    }
    return new OrderCheck(indications, List.copyOf(findings));
  }

  public Outcome outcome() {
    if (indications.isEmpty()) {
      return Outcome.UNKNOWN_TEST;
    }
    if (findings.stream().anyMatch(f -> f.supports() && !f.throughAncestor())) {
      return Outcome.SUPPORTED;
    }
    return findings.stream().anyMatch(Finding::supports) ? Outcome.SUPPORTED_THROUGH_ANCESTOR : Outcome.NOT_SUPPORTED;
  }

  /** Supported, by a diagnosis itself or through an ancestor. */
  public boolean supported() {
    return !indications.isEmpty() && findings.stream().anyMatch(Finding::supports);
  }
}
