package org.moltx.engine;

/**
 * $translate input. {@code conceptMapUrl} limits the search to one map; {@code targetSystem} to one target system;
 * {@code reverse} reads the maps from target to source; {@code viaHierarchy} lets a code without a mapping of its
 * own use its nearest mapped ancestor.
 */
public record TranslateRequest(
    String code,
    String system,
    String version,
    String conceptMapUrl,
    String conceptMapVersion,
    String sourceScope,
    String targetScope,
    String targetSystem,
    boolean reverse,
    boolean viaHierarchy) {}
