package org.moltx.loader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One terminology resource of a FHIR NPM package, indexed: its type, id, url and version, where it came from, and its
 * JSON kept deflated (THO's 71 MB of JSON take a few MB so), parsed on first use of its url (and once while the
 * package is read from its file or indexed, so that what HAPI cannot read stops the load).
 * The deflated bytes are a read-only view: of an array for a package read from its file, of the mapped index file for
 * a compiled index ({@link PackageSnapshot}), so that a few MB of JSON nobody asked for stay out of the heap.
 *
 * @param content a CodeSystem's content mode (complete, fragment, not-present, supplement...); null otherwise
 * @param source the package file and the entry in it ("file.tgz#package/x.json"): what a log line or an error names
 */
public record PackageResource(String type, String id, String url, String version, String content, String source,
    ByteBuffer deflated) {

  static ByteBuffer deflate(byte[] json) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(json);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return ByteBuffer.wrap(out.toByteArray()).asReadOnlyBuffer();
    } finally {
      deflater.end();
    }
  }

  /** The resource, parsed by HAPI (leniently, as the package's publisher validated it), without its narrative. */
  public org.hl7.fhir.r4.model.Resource parse(ca.uhn.fhir.context.FhirContext fhir) {
    return parse(fhir, json());
  }

  /** As {@link #parse(ca.uhn.fhir.context.FhirContext)}, from this resource's JSON already at hand (loading). */
  org.hl7.fhir.r4.model.Resource parse(ca.uhn.fhir.context.FhirContext fhir, byte[] json) {
    var parser = fhir.newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false));
    try {
      var r = (org.hl7.fhir.r4.model.DomainResource) parser.parseResource(new java.io.ByteArrayInputStream(json));
      r.setText(null);
      return r;
    } catch (ca.uhn.fhir.parser.DataFormatException e) {
      throw new LoadException(source, ContentLoader.lineOf(e.getMessage()), "does not parse as a FHIR R4 " + type + ": "
          + e.getMessage(), e);
    }
  }

  /** The resource's JSON. */
  public byte[] json() {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated.duplicate());
      ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.remaining() * 6);
      byte[] buf = new byte[16384];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new UncheckedIOException(new IOException("corrupt package entry " + source, e));
    } finally {
      inflater.end();
    }
  }
}
