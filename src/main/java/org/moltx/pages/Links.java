package org.moltx.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The stable URLs of the pages and of the FHIR requests that return the same facts. */
final class Links {
  private Links() {}

  static String code(String system, String code) {
    return "/code?system=" + enc(system) + "&code=" + enc(code);
  }

  static String code(String system, String code, String version) {
    return version == null ? code(system, code) : code(system, code) + "&version=" + enc(version);
  }

  static String valueSet(String id) {
    return "/valueset/" + enc(id);
  }

  static String conceptMap(String id) {
    return "/conceptmap/" + enc(id);
  }

  static String check(String cpt) {
    return "/check?code=" + enc(cpt);
  }

  static String lookup(String system, String code, String version) {
    return "/fhir/CodeSystem/$lookup?system=" + enc(system) + "&code=" + enc(code)
        + (version == null ? "" : "&version=" + enc(version));
  }

  static String translate(String system, String code, String targetSystem, boolean reverse) {
    return "/fhir/ConceptMap/$translate?system=" + enc(system) + "&code=" + enc(code)
        + (targetSystem == null ? "" : "&targetsystem=" + enc(targetSystem)) + (reverse ? "&reverse=true" : "");
  }

  static String translateWithMap(String mapUrl, String system, String code, String targetSystem) {
    return "/fhir/ConceptMap/$translate?url=" + enc(mapUrl) + "&system=" + enc(system) + "&code=" + enc(code)
        + "&targetsystem=" + enc(targetSystem);
  }

  static String fhirExpand(String valueSetUrl, String filter, int count) {
    return "/fhir/ValueSet/$expand?url=" + enc(valueSetUrl) + (filter == null ? "" : "&filter=" + enc(filter))
        + "&count=" + count;
  }

  static String validateInValueSet(String valueSetUrl, String system, String code) {
    return "/fhir/ValueSet/$validate-code?url=" + enc(valueSetUrl) + "&system=" + enc(system) + "&code=" + enc(code);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
