package org.moltx.engine;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for identifiers that must be unique, not unguessable: an expansion's identifier, a CDS
 * card's uuid. UUID.randomUUID draws from the JVM-wide SecureRandom, whose lock every request thread queued on.
 */
public final class RandomIds {
  private RandomIds() {}

  public static UUID uuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low);
  }
}
