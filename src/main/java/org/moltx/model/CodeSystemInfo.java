package org.moltx.model;

import java.time.LocalDate;

/**
 * Metadata of a code system release. {@code effectiveFrom}/{@code effectiveTo} bound the period in which the
 * release is in effect (ICD-10-CM fiscal years); either may be null.
 */
public record CodeSystemInfo(
    String id,
    String url,
    String version,
    String name,
    String title,
    String status,
    String content,
    String publisher,
    String description,
    String copyright,
    boolean caseSensitive,
    String hierarchyMeaning,
    String language,
    LocalDate effectiveFrom,
    LocalDate effectiveTo) {

  public boolean inEffectOn(LocalDate date) {
    return (effectiveFrom == null || !date.isBefore(effectiveFrom))
        && (effectiveTo == null || !date.isAfter(effectiveTo));
  }
}
