package org.moltx.engine;

import java.time.LocalDate;
import java.util.List;

/** $lookup input: which code, in which code system and version, and which properties to return (empty: all). */
public record LookupRequest(
    String system, String version, String code, LocalDate date, String displayLanguage, List<String> properties) {}
