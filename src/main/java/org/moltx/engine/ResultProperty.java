package org.moltx.engine;

import org.moltx.model.PropertyType;

/** A property in a $lookup answer, with the type that says how to render its value. */
public record ResultProperty(String code, PropertyType type, Object value, String description) {}
