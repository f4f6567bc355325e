package org.moltx.engine;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * $validate-code input: one or more codings (several for a codeableConcept), and either a value set or, for
 * CodeSystem/$validate-code, no value set (the coding's code system is the scope).
 */
public record ValidateRequest(
    ValueSet valueSet,
    List<CodedInput> codings,
    boolean codeableConcept,
    boolean abstractAllowed,
    boolean inferSystem,
    boolean lenientDisplay,
    String displayLanguage,
    VersionPolicy versions) {}
