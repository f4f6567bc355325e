package org.moltx.app;

import java.nio.file.Path;
import org.moltx.engine.Terminology;
import org.moltx.loader.ContentLoader;

/**
 * moltx in process, without its HTTP server: the engine over the embedded default content or over a terminology
 * folder. Hand the result to {@code FhirServer.register} (an existing HAPI server) or to
 * {@code MoltxValidationSupport} (a HAPI validation chain).
 */
public final class Moltx {
  private Moltx() {}

  /** The engine over the content embedded in the jar. */
  public static Terminology load() {
    return load(ContentFolder.resolve(Config.defaults()));
  }

  /** The engine over a terminology folder (the layout of {@code --content}). */
  public static Terminology load(Path folder) {
    return new Terminology(StoreAssembler.assemble(new ContentLoader(ServerFactory.fhirContext()).load(folder)));
  }
}
