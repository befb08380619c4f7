package dev.distillwatch.benchmarks.detectors;

import dev.distillwatch.benchmarks.BundledPrompts;
import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.shape.ConversationShapeDetector;
import dev.distillwatch.detectors.shape.ShapeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per request of the conversation-shape detector on ~1 KB bundled prompts, 1,024 accounts,
 * all past the minimum and active for a day (so a one-shot account is scored and its evidence
 * built on every call; chat and agent accounts score 0).
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ShapeBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 *
 * <p>The exchanges are built in setup, so {@code inspect} measures the detector alone: reading
 * the roles, two sampled keys, the per-account update and the score. {@code one-shot}: single-turn
 * prompts, each a new task; {@code chat}: the whole history re-sent, growing by a user and an
 * assistant turn per request (up to 12 messages); {@code agent}: a system prompt, the task and a
 * growing run of assistant and tool messages (up to 41 messages). The cost does not depend on
 * the prompts' length (the keys sample 16 characters), only on the number of messages.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ShapeBenchmark {
  private static final int ACCOUNTS = 1024;
  private static final int EXCHANGES = 8192;
  private static final long HOUR = 3_600_000L;

  /** The shape of the traffic. */
  @Param({"one-shot", "chat", "agent"})
  public String shape;

  private Exchange[] exchanges;
  private ConversationShapeDetector detector;
  private int next;

  @Setup
  public void setup() {
    List<String> prompts = BundledPrompts.ofLength("benign", 1024, 512);
    exchanges = new Exchange[EXCHANGES];
    long t0 = 1_700_000_000_000L;
    long t = t0 + 25 * HOUR;
    List<List<Message>> contexts = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      contexts.add(new ArrayList<>());
    }
    for (int i = 0; i < EXCHANGES; i++) {
      int a = i % ACCOUNTS;
      String text = prompts.get(i % prompts.size());
      List<Message> context = contexts.get(a);
      List<Message> messages = new ArrayList<>();
      switch (shape) {
        case "chat":
          if (context.size() >= 12) {
            context.clear();
          }
          messages.addAll(context);
          messages.add(Message.of(Role.USER, text));
          context.add(Message.of(Role.USER, text));
          context.add(Message.of(Role.ASSISTANT, "Here is a short answer to that."));
          break;
        case "agent":
          if (context.size() >= 40 || context.isEmpty()) {
            context.clear();
            context.add(Message.of(Role.USER, text));
          } else {
            context.add(Message.of(Role.ASSISTANT, "Let me read the file. [tool call: read_file]"));
            context.add(Message.of(Role.TOOL, "def parse(line):\n    return line.split(',')\n"));
          }
          messages.add(Message.of(Role.SYSTEM, "You are a coding agent working in the user's repository."));
          messages.addAll(context);
          break;
        default:
          messages.add(Message.of(Role.USER, text));
      }
      exchanges[i] = Exchange.builder().account("acct-" + a).timestamp(t += 50).messages(messages).build();
    }
    detector = ConversationShapeDetector.create(ShapeConfig.ofDefaults(), Settings.of(42L, 100_000, Clock.system()));
    // Every account past the minimum and active for a day, so a one-shot account is scored (and its
    // evidence built) on every measured call.
    for (int h = 0; h < 25; h++) {
      for (int a = 0; a < ACCOUNTS; a++) {
        detector.inspect(exchanges[(h * ACCOUNTS + a) % EXCHANGES].withTimestamp(t0 + h * HOUR + a));
      }
    }
    for (Exchange e : exchanges) {
      detector.inspect(e);
    }
  }

  @Benchmark
  public Signal inspect() {
    return detector.inspect(exchanges[next++ & (EXCHANGES - 1)]);
  }
}
