package org.moltx.loader;

import java.util.List;

/**
 * A NamingSystem of kind codesystem from a package: the system's canonical URI (its preferred uri uniqueId, else
 * its first) and the other names it registers for it (the other uris, and its OIDs as {@code urn:oid:...}).
 */
public record PackageNamingSystem(String canonical, List<String> aliases, String source) {}
