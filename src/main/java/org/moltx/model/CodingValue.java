package org.moltx.model;

/** A coded value: a property of type Coding, a designation use, a translation target. */
public record CodingValue(String system, String code, String display) {}
