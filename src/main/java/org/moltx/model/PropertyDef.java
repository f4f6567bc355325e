package org.moltx.model;

/** A declared CodeSystem.property. */
public record PropertyDef(String code, String uri, String description, PropertyType type) {}
