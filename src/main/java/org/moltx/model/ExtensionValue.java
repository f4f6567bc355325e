package org.moltx.model;

/** A FHIR extension with a primitive value, kept to echo it: its url, the value's FHIR type (string, code, id...) and value. */
public record ExtensionValue(String url, String type, String value) {}
