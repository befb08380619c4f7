package dev.distillwatch.detectors.shape;

import static dev.distillwatch.detectors.UnitInterval.clamp;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.distillwatch.core.Detector;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.AccountTable;
import dev.distillwatch.detectors.text.Evidence;
import java.util.Arrays;
import java.util.List;

/**
 * Conversation shape: how much of an account's traffic is <em>one-shot, unrelated tasks</em>
 * (what a harvesting loop sends) rather than conversations and agent loops whose context grows
 * with assistant and tool messages (what people and agents send), with machine-regular timing
 * as a modest modifier.
 *
 * <p><b>Per request</b> it reads structure only: the roles and number of the messages, and a
 * sampled 64-bit key of user messages (their length and 16 characters at fixed fractions of
 * it, never a pass over the text). A request is
 *
 * <ul>
 *   <li><em>continuing</em> when it extends one of the account's recent requests: the user turn
 *       before its last one is a recent request's last user turn (a chat follow-up; an Anthropic
 *       style tool loop, whose tool results are user turns), or its last user turn is a recent
 *       request's with more messages now (an OpenAI-style agent step);
 *   <li><em>with context</em> when it carries assistant or tool messages (a trailing assistant
 *       prefill aside) but cannot be linked: neutral, since the turns it extends may be older
 *       than the account's memory;
 *   <li><em>a repeat</em> when its last user turn is a recent request's (a retry, a resent
 *       popular prompt): neutral;
 *   <li>else <em>one-shot</em>: a new task without context. When a later request continues it,
 *       its one-shot count is taken back (decayed by its age), so a conversation's opening turn
 *       and an agent loop's first step end up counted as what they were.
 * </ul>
 *
 * <p><b>Per account</b>: exponentially decayed sums (time constant {@link
 * ShapeConfig#timeConstantMillis()}, on the exchanges' own timestamps) of requests and one-shot
 * requests, of distinct clock hours with requests, and of the natural log of the gaps between
 * requests and its square (their spread is the timing's regularity); plus the last {@link ShapeConfig#tasksRemembered()} tasks' keys,
 * message counts and times. After {@link ShapeConfig#minimumRequests()} requests the one-shot
 * share (with {@link ShapeConfig#priorRequests()} pseudo-requests in the denominator) maps
 * linearly between {@link ShapeConfig#oneShotFloor()} and {@link
 * ShapeConfig#oneShotSaturation()} to at most {@link ShapeConfig#maximumScore()}, scaled by how
 * sustained the activity is (decayed active hours, linear between {@link
 * ShapeConfig#sustainedFloorHours()} and {@link ShapeConfig#sustainedHours()}: an evaluation run
 * or a batch job sends its tasks in a burst and stops, a harvesting loop under a rate limit
 * spreads them around the clock) and by {@code 1 - timingWeight × (1 - regularity)}.
 *
 * <p><b>Score</b>: capped below WATCH by default. Benchmark runs, batch pipelines, wrapper apps
 * and many ordinary API users also send one-shot unrelated tasks, so shape adds to the other
 * detectors' evidence and never flags on its own; a coding agent or a chat user, whose requests
 * continue each other, scores 0.
 *
 * <p><b>Keys</b>: sampled rather than hashed in full so that the detector stays O(1) in the
 * prompt's length (the brief's budget leaves no room for another pass over the text). A key
 * collision can only make an account look less one-shot (a new task read as a repeat, or a
 * request read as continuing), never more.
 *
 * <p>Memory: one record per account (~250 bytes, up to ~500 with a full task memory), at most
 * {@link Settings#maximumAccounts()} of them (Caffeine evicts the rest). No text is kept.
 */
public final class ConversationShapeDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "shape";

  /** Characters sampled from a user message for its key. */
  private static final int SAMPLES = 16;
  private static final long HOUR = 3_600_000L;

  private final ShapeConfig config;
  private final Hasher64 hasher;
  private final AccountTable.Slot<Account> accounts;

  private ConversationShapeDetector(ShapeConfig config, Settings settings, AccountTable table) {
    this.config = config;
    this.hasher = Hashing.komihash5_0(settings.seed() ^ 0x5348_4150_45L);
    this.accounts = table.slot(e -> new Account(e.timestamp()));
  }

  /** A conversation-shape detector with the given configuration. */
  public static ConversationShapeDetector create(ShapeConfig config, Settings settings) {
    return create(config, settings, AccountTable.create(settings));
  }

  /**
   * A conversation-shape detector keeping its per-account state in a slot of {@code accounts}, a table shared with
   * the other detectors of a suite (one account look-up per request for all of them).
   */
  public static ConversationShapeDetector create(ShapeConfig config, Settings settings, AccountTable accounts) {
    return new ConversationShapeDetector(config, settings, accounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    long now = exchange.timestamp();
    if (now == Exchange.UNSET_TIMESTAMP) {
      return Signal.none(NAME); // the pipeline stamps exchanges; used alone, no time, no rates
    }
    Request r = read(exchange.messages());
    if (r == null) {
      return Signal.none(NAME);
    }
    Account account = accounts.of(exchange);
    account.record(now, r, config);
    double n;
    double oneShot;
    double gaps;
    double logSum;
    double logSquares;
    double activeHours;
    long total;
    long oneShots;
    long continuing;
    synchronized (account) {
      account.decayTo(now, config.timeConstantMillis());
      n = account.n;
      oneShot = account.oneShot;
      gaps = account.gaps;
      logSum = account.logSum;
      logSquares = account.logSquares;
      activeHours = account.activeHours;
      total = account.total;
      oneShots = account.oneShots;
      continuing = account.continuing;
    }
    if (total < config.minimumRequests()) {
      return Signal.none(NAME);
    }
    double share = oneShot / (n + config.priorRequests());
    double shape = clamp((share - config.oneShotFloor()) / (config.oneShotSaturation() - config.oneShotFloor()));
    if (!(shape > 0)) {
      return Signal.none(NAME);
    }
    double sustained = clamp((activeHours - config.sustainedFloorHours())
        / (config.sustainedHours() - config.sustainedFloorHours()));
    if (!(sustained > 0)) {
      return Signal.none(NAME);
    }
    double spread = Double.NaN;
    double regularity = 0;
    if (gaps >= config.minimumGaps()) {
      double mean = logSum / gaps;
      spread = Math.sqrt(Math.max(0.0, logSquares / gaps - mean * mean));
      regularity = clamp((config.irregularSpread() - spread) / (config.irregularSpread() - config.regularSpread()));
    }
    double score = config.maximumScore() * shape * sustained * (1.0 - config.timingWeight() * (1.0 - regularity));
    if (!(score > 0)) {
      return Signal.none(NAME);
    }
    // Built by hand: evidence is made on the request path, and String.format costs microseconds.
    StringBuilder evidence = new StringBuilder(160)
        .append(oneShots).append(" of ").append(total).append(" requests (")
        .append(Evidence.percent(oneShots, total)).append("%) one-shot new tasks never continued, ")
        .append(continuing).append(" (").append(Evidence.percent(continuing, total))
        .append("%) continue a conversation or agent loop; decayed one-shot share ");
    Evidence.twoDecimals(evidence, share).append(", over ");
    Evidence.twoDecimals(evidence, activeHours).append(" decayed active hours");
    if (Double.isNaN(spread)) {
      evidence.append("; timing not yet read");
    } else {
      evidence.append("; gap log-spread ");
      Evidence.twoDecimals(evidence, spread).append(regularity >= 1 ? " (machine-regular)" : "");
    }
    return Signal.of(NAME, Math.min(1.0, score), evidence.toString());
  }

  /** How many accounts this detector holds state for now. */
  long trackedAccounts() {
    return accounts.trackedAccounts();
  }

  /** The structure of one request, or null when it has no user message. */
  private Request read(List<Message> messages) {
    int last = -1;
    int previous = -1;
    int context = 0;
    int size = messages.size();
    for (int i = 0; i < size; i++) {
      Role role = messages.get(i).role();
      if (role == Role.USER) {
        previous = last;
        last = i;
      } else if (role == Role.ASSISTANT || role == Role.TOOL) {
        context++;
      }
    }
    if (last < 0) {
      return null;
    }
    if (size >= 2 && last == size - 2 && messages.get(size - 1).role() == Role.ASSISTANT) {
      context--; // a prefilled answer, not an earlier turn
    }
    long lastKey = key(messages.get(last));
    long previousKey = previous < 0 ? 0 : key(messages.get(previous));
    return new Request(lastKey, previousKey, size, context > 0);
  }

  /**
   * A seeded 64-bit key of a message from its length, its opaque block types and
   * {@value #SAMPLES} characters at fixed fractions of its text; never 0.
   */
  private long key(Message m) {
    String text = m.text();
    int length = text.length();
    HashStream64 h = hasher.hashStream().putInt(length).putInt(m.opaqueBlockTypes().size());
    if (length <= SAMPLES) {
      h.putChars(text);
    } else {
      for (int i = 0; i < SAMPLES; i++) {
        h.putChar(text.charAt((int) ((long) i * (length - 1) / (SAMPLES - 1))));
      }
    }
    long k = h.getAsLong();
    return k == 0 ? 1 : k;
  }

  /** What one request looks like: keys of its last and previous user turns, its size. */
  private record Request(long lastKey, long previousKey, int messages, boolean context) {}

  /**
   * One account's decayed sums and its recent tasks. Mutated only inside the cache's per-key
   * compute; read under its own monitor.
   */
  private static final class Account {
    long last;
    boolean hasLast;
    double n;
    double oneShot;
    double gaps;
    double logSum;
    double logSquares;
    double activeHours = 1;
    long hour;
    long total;
    long oneShots;
    long continuing;
    /** Recent tasks: key, message count (negative while counted as one-shot), time; a ring. */
    long[] keys = new long[4];
    int[] counts = new int[4];
    long[] times = new long[4];
    int size;
    int next;

    Account(long now) {
      this.last = now;
      this.hour = Math.floorDiv(now, HOUR);
    }

    synchronized void decayTo(long now, long tau) {
      long dt = now - last;
      if (dt > 0) {
        double f = Math.exp(-(double) dt / tau);
        n *= f;
        oneShot *= f;
        gaps *= f;
        logSum *= f;
        logSquares *= f;
        activeHours *= f;
        last = now;
      }
    }

    synchronized void record(long now, Request r, ShapeConfig c) {
      if (hasLast) {
        double gap = Math.log(Math.max(c.gapFloorMillis(), now - last));
        decayTo(now, c.timeConstantMillis());
        gaps += 1;
        logSum += gap;
        logSquares += gap * gap;
      } else {
        hasLast = true;
        last = now;
      }
      long h = Math.floorDiv(now, HOUR);
      if (h > hour) {
        hour = h;
        activeHours += 1;
      }
      n += 1;
      total++;
      int lastSlot = find(r.lastKey());
      int previousSlot = r.previousKey() == 0 ? -1 : find(r.previousKey());
      boolean grew = lastSlot >= 0 && r.messages() > Math.abs(counts[lastSlot]);
      if (previousSlot >= 0 || grew) {
        continuing++;
        if (previousSlot >= 0) {
          takeBack(previousSlot, now, c);
        }
        if (grew) {
          takeBack(lastSlot, now, c);
        }
        remember(lastSlot, r, now, false, c);
      } else if (r.context()) {
        remember(lastSlot, r, now, false, c);
      } else if (lastSlot < 0) {
        oneShot += 1;
        oneShots++;
        remember(-1, r, now, true, c);
      }
      // else a repeat: counted in n only, its slot untouched
    }

    /** A continued task is no longer one-shot: its count is taken back, decayed by its age. */
    private void takeBack(int slot, long now, ShapeConfig c) {
      if (counts[slot] < 0) {
        counts[slot] = -counts[slot];
        double age = Math.max(0, now - times[slot]);
        oneShot = Math.max(0.0, oneShot - Math.exp(-age / c.timeConstantMillis()));
        oneShots = Math.max(0, oneShots - 1);
      }
    }

    private int find(long key) {
      for (int i = 0; i < size; i++) {
        if (keys[i] == key) {
          return i;
        }
      }
      return -1;
    }

    private void remember(int slot, Request r, long now, boolean oneShotTask, ShapeConfig c) {
      int i = slot;
      if (i < 0) {
        if (size < keys.length) {
          i = size++;
        } else if (keys.length < c.tasksRemembered()) {
          int grown = Math.min(c.tasksRemembered(), keys.length * 2);
          keys = Arrays.copyOf(keys, grown);
          counts = Arrays.copyOf(counts, grown);
          times = Arrays.copyOf(times, grown);
          i = size++;
        } else {
          i = next;
          next = (next + 1) % keys.length;
        }
        keys[i] = r.lastKey();
      }
      // a known task that is still counted as one-shot stays so until something continues it
      boolean pending = oneShotTask || (slot >= 0 && counts[i] < 0);
      counts[i] = pending ? -r.messages() : r.messages();
      times[i] = now;
    }
  }
}
