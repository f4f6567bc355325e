package org.moltx.engine;

import java.util.List;

/** $translate output: result is true when there is at least one match. */
public record TranslateResult(boolean result, String message, List<TranslateMatch> matches) {}
