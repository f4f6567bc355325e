package org.moltx.loader;

import java.util.List;

/** A FHIR NPM package read by {@link NpmPackageReader}: its name and version, terminology resources and aliases. */
public record FhirPackage(String name, String version, String file, List<PackageResource> resources,
    List<PackageNamingSystem> namingSystems) {

  /** name#version, as FHIR packages are named. */
  public String id() {
    return name + "#" + version;
  }
}
