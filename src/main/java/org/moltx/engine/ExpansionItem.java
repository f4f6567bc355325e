package org.moltx.engine;

import org.moltx.model.CodeSystemRelease;

/** One concept in an expansion: from {@code release} at {@code index}, with the display the value set gives it. */
public record ExpansionItem(CodeSystemRelease release, int index, String display) {
  public String system() {
    return release.url();
  }

  public String code() {
    return release.code(index);
  }
}
