package dev.distillwatch.detectors.text;

import dev.distillwatch.core.Derivation;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
import java.util.List;

/**
 * The phrase matches of one exchange, per {@link PhraseClass} and per zone of the request, from
 * one pass over its text. Obtain it through {@link Exchange#derived(Derivation)} with
 * {@link #DERIVATION} so that every detector shares the one pass.
 *
 * <p>Zones: the {@linkplain Zone#SYSTEM system prompt} (top-level and system-role messages), the
 * {@linkplain Zone#USER last user message}, and {@linkplain Zone#EARLIER earlier user messages}.
 * Assistant and tool messages are not scanned: they are the model's words, not the requester's
 * ask, and re-reading a growing conversation on every turn would cost the most for the least.
 * The exception is a {@linkplain Zone#PREFILL prefill}: the first {@value #PREFILL_CHARS} chars of
 * a trailing assistant message, which the requester wrote.
 *
 * <p>Holds counts and a hash of the system prompt, never text.
 */
public final class PhraseScan {
  /** Where in the request a phrase was found. */
  public enum Zone {
    SYSTEM,
    USER,
    EARLIER,
    /**
     * The start of a trailing assistant message: a prefill, such as {@code <think>}, that makes
     * the model continue from it.
     */
    PREFILL
  }

  /** How many chars of a prefill are scanned. */
  public static final int PREFILL_CHARS = 256;

  /** The shared derivation over the default catalogue ({@code PhraseCatalog.defaults().derivation()}). */
  public static final Derivation<PhraseScan> DERIVATION = PhraseCatalog.defaults().derivation();

  private static final int CLASSES = PhraseClass.values().length;
  private static final int ZONES = Zone.values().length;

  private final int[] counts;
  private final long systemHash;
  private final int scannedChars;

  private PhraseScan(int[] counts, long systemHash, int scannedChars) {
    this.counts = counts;
    this.systemHash = systemHash;
    this.scannedChars = scannedChars;
  }

  /** Scans an exchange with the given matcher, whose categories are {@link PhraseClass} ordinals. */
  public static PhraseScan scan(Exchange exchange, PhraseMatcher matcher) {
    return scan(exchange, matcher, newCounts(), -1);
  }

  /** Zeroed counts for {@link #scan(Exchange, PhraseMatcher, int[], int)}. */
  static int[] newCounts() {
    return new int[ZONES * CLASSES];
  }

  /** Where the {@link Zone#USER} counts start in the counts array. */
  static int userBase() {
    return Zone.USER.ordinal() * CLASSES;
  }

  /**
   * Scans an exchange into {@code counts}; when {@code userChars} ≥ 0 the last user message (of
   * that many chars) was already scanned into the {@link Zone#USER} counts by the shared {@link
   * TextPass} and is skipped here.
   */
  static PhraseScan scan(Exchange exchange, PhraseMatcher matcher, int[] counts, int userChars) {
    long systemHash = 0;
    int chars = 0;
    String system = exchange.system();
    if (system != null && !system.isEmpty()) {
      systemHash = matcher.scan(system, counts, Zone.SYSTEM.ordinal() * CLASSES, true);
      chars += system.length();
    }
    List<Message> messages = exchange.messages();
    int lastUser = -1;
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        lastUser = i;
        break;
      }
    }
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String text = m.text();
      if (text.isEmpty()) {
        continue;
      }
      if (m.role() == Role.SYSTEM) {
        long h = matcher.scan(text, counts, Zone.SYSTEM.ordinal() * CLASSES, true);
        systemHash = systemHash * 31 + h;
        chars += text.length();
      } else if (m.role() == Role.USER) {
        if (i == lastUser && userChars >= 0) {
          chars += userChars;
          continue;
        }
        Zone z = i == lastUser ? Zone.USER : Zone.EARLIER;
        matcher.scan(text, counts, z.ordinal() * CLASSES, false);
        chars += text.length();
      } else if (m.role() == Role.ASSISTANT && i == messages.size() - 1) {
        int n = Math.min(text.length(), PREFILL_CHARS);
        matcher.scan(text, 0, n, counts, Zone.PREFILL.ordinal() * CLASSES, false);
        chars += n;
      }
    }
    return new PhraseScan(counts, systemHash, chars);
  }

  /** How many occurrences of phrases of {@code cls} were found in {@code zone}. */
  public int count(Zone zone, PhraseClass cls) {
    return counts[zone.ordinal() * CLASSES + cls.ordinal()];
  }

  /** How many occurrences of phrases of {@code cls} were found in the user's messages. */
  public int inUser(PhraseClass cls) {
    return count(Zone.USER, cls) + count(Zone.EARLIER, cls);
  }

  /** How many occurrences of phrases of {@code cls} were found anywhere scanned. */
  public int total(PhraseClass cls) {
    return inUser(cls) + count(Zone.SYSTEM, cls) + count(Zone.PREFILL, cls);
  }

  /** A hash of the system prompt's text, or 0 when there is none (unseeded: mix before keeping). */
  public long systemHash() {
    return systemHash;
  }

  /** How many chars were scanned. */
  public int scannedChars() {
    return scannedChars;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("PhraseScan{");
    for (Zone z : Zone.values()) {
      for (PhraseClass c : PhraseClass.values()) {
        int n = count(z, c);
        if (n > 0) {
          b.append(z).append('.').append(c).append('=').append(n).append(' ');
        }
      }
    }
    return b.append("chars=").append(scannedChars).append('}').toString();
  }
}
