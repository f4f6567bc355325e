package org.moltx.pages;

/**
 * The one place HTML is written. Text and attribute values always pass through {@link #escape}; tag and attribute
 * names are constants of the page code, never input. There is no way to add unescaped text.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(8192);

  /** Opens {@code tag} with attributes given as name, value pairs; a null value leaves that attribute out. */
  Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      String value = attributes[i + 1];
      if (value != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(escape(value)).append('"');
      }
    }
    out.append('>');
    return this;
  }

  Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  Html text(String text) {
    out.append(escape(text));
    return this;
  }

  /** {@code <tag attributes>text</tag>}. */
  Html el(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  Html a(String href, String text, String... attributes) {
    String[] all = new String[attributes.length + 2];
    all[0] = "href";
    all[1] = href;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    return el("a", text, all);
  }

  /** Another builder's output, which was escaped when it was written. */
  Html append(Html other) {
    out.append(other.out);
    return this;
  }

  Html doctype() {
    out.append("<!DOCTYPE html>\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Text safe in element content and in double-quoted attribute values. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '&' -> "&amp;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (r != null || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(r != null ? r : "\uFFFD");
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
