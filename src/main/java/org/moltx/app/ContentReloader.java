package org.moltx.app;

import java.util.concurrent.locks.ReentrantLock;
import org.moltx.engine.Terminology;
import org.moltx.http.Reloader;
import org.moltx.http.ResponseCache;
import org.moltx.loader.LoadException;
import org.moltx.store.TerminologyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content reload without downtime: loads the configured folder aside with the start-up loader, and only when it
 * loaded completely swaps it in atomically and clears the response cache. A broken folder leaves the old content
 * serving and says why (file, line, reason). One reload at a time.
 */
final class ContentReloader implements Reloader {
  private static final Logger log = LoggerFactory.getLogger(ContentReloader.class);

  private final Config config;
  private final Terminology terminology;
  private final ResponseCache cache;
  private final ReentrantLock lock = new ReentrantLock();

  ContentReloader(Config config, Terminology terminology, ResponseCache cache) {
    this.config = config;
    this.terminology = terminology;
    this.cache = cache;
  }

  /** File names relative to the content folder: the answer names the file without revealing where it lives. */
  private String relative(String message) {
    String folder = ContentFolder.resolve(config).toString();
    return message.replace(folder + java.io.File.separator, "").replace(folder, "<content>");
  }

  @Override
  public Result reload() {
    if (!lock.tryLock()) {
      return new Result(false, true, "A reload is already running; try again when it has finished");
    }
    try {
      long start = System.nanoTime();
      TerminologyStore store;
      String tag;
      try {
        store = ServerFactory.loadStore(config);
        tag = ContentFingerprint.of(ContentFolder.resolve(config), config.packages());
      } catch (LoadException e) {
        log.warn("reload failed, the previous content still serves: {}", e.getMessage());
        return new Result(false, false, "Reload failed, the previous content still serves: " + relative(e.getMessage()));
      } catch (RuntimeException e) {
        log.error("reload failed, the previous content still serves", e);
        return new Result(false, false, "Reload failed, the previous content still serves: "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + relative(e.getMessage())));
      }
      terminology.replace(store);
      cache.contentChanged(tag);
      String message = String.format("Content reloaded in %d ms: %d code system versions, %d value sets, "
              + "%d concept maps", (System.nanoTime() - start) / 1_000_000, store.codeSystems().size(),
          store.valueSets().size(), store.conceptMaps().size());
      log.info(message);
      return new Result(true, false, message);
    } finally {
      lock.unlock();
    }
  }
}
