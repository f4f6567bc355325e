package org.moltx.content;

/**
 * One place where an authored resource names a code: the file, where in the resource, the code system, the code
 * and the display the resource gives it (null when it gives none).
 */
record CodeUse(String file, String where, String system, String code, String display) {
  @Override
  public String toString() {
    return file + " " + where + ": " + system + "|" + code;
  }
}
