package org.moltx.model;

/** A concept designation; language and use may be null. */
public record Designation(String language, CodingValue use, String value) {}
