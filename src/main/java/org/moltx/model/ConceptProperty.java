package org.moltx.model;

/**
 * One property value of a concept. The value is a String (code or string), a {@link CodingValue},
 * a Boolean, an Integer or a BigDecimal, as the property's {@link PropertyType} says.
 */
public record ConceptProperty(String code, Object value) {}
