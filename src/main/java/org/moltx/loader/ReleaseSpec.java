package org.moltx.loader;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * One entry of {@code releases/releases.json}: which official file to load, in which format, as which system
 * and version. {@code base} names the version an addenda file applies to; {@code optional} files may be absent
 * (a licensee's CPT file is never committed). A {@code fhir-npm-package} names only its file: the package says what
 * it holds; every other format needs system and version.
 */
public record ReleaseSpec(
    @JsonProperty(required = true) String format,
    @JsonProperty(required = true) String file,
    String system,
    String version,
    String id,
    String name,
    String title,
    String publisher,
    String description,
    String copyright,
    LocalDate effectiveFrom,
    LocalDate effectiveTo,
    String base,
    boolean optional) {}
