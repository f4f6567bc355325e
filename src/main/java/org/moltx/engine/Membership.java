package org.moltx.engine;

import org.moltx.model.CodeSystemRelease;

/**
 * Whether a code is in a value set. {@code release} is the code system release consulted (null when no include
 * names the code's system) and {@code index} the concept there (-1 when the code is not in the code system).
 */
record Membership(boolean member, CodeSystemRelease release, int index) {
  static Membership absent() {
    return new Membership(false, null, -1);
  }
}
