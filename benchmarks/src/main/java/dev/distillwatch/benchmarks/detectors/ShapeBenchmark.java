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
 * Cost per request of the conversation-shape detector on ~1 KB bundled prompts, 1,024 accounts.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ShapeBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 *
 * <p>{@code oneShot}: a fresh single-turn exchange per call, each a new task for its account,
 * 50 ms apart (each account every 51 s, so every account is sustained, machine-regular and
 * scored, its evidence built, on every call); {@code oneShotBuildOnly} is its baseline (building
 * the exchange alone), so the detector's cost is the difference. {@code conversation}: exchanges
 * built in setup and replayed, the detector alone: {@code chat} re-sends the whole history,
 * growing by a user and an assistant turn per request (up to 12 messages); {@code agent} sends
 * a system prompt, the task and a growing run of assistant and tool messages (up to 41). Both
 * continue earlier requests and score 0. The cost does not depend on the prompts' length (the
 * keys sample 16 characters), only on the number of messages.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ShapeBenchmark {
  private static final int ACCOUNTS = 1024;
  private static final int EXCHANGES = 8192;

  private static ConversationShapeDetector detector() {
    return ConversationShapeDetector.create(ShapeConfig.ofDefaults(), Settings.of(42L, 100_000, Clock.system()));
  }

  /** Fresh one-shot exchanges, built per call. */
  @State(Scope.Thread)
  public static class OneShot {
    List<String> prompts;
    String[] accounts = new String[ACCOUNTS];
    ConversationShapeDetector detector;
    long t = 1_700_000_000_000L;
    int next;

    @Setup
    public void setup() {
      prompts = BundledPrompts.ofLength("benign", 1024, 512);
      for (int a = 0; a < ACCOUNTS; a++) {
        accounts[a] = "acct-" + a;
      }
      detector = detector();
    }

    Exchange exchange() {
      int i = next++;
      int a = i & (ACCOUNTS - 1);
      // per account a new prompt every time for 512 requests, more than the detector remembers
      String text = prompts.get(((i >>> 10) * 37 + a) & 511);
      return Exchange.builder().account(accounts[a]).timestamp(t += 50).prompt(text).build();
    }
  }

  /** Conversations built in setup and replayed. */
  @State(Scope.Thread)
  public static class Conversation {
    /** The shape of the traffic. */
    @Param({"chat", "agent"})
    public String shape;

    Exchange[] exchanges;
    ConversationShapeDetector detector;
    int next;

    @Setup
    public void setup() {
      List<String> prompts = BundledPrompts.ofLength("benign", 1024, 512);
      exchanges = new Exchange[EXCHANGES];
      long t = 1_700_000_000_000L;
      List<List<Message>> contexts = new ArrayList<>();
      for (int a = 0; a < ACCOUNTS; a++) {
        contexts.add(new ArrayList<>());
      }
      for (int i = 0; i < EXCHANGES; i++) {
        int a = i % ACCOUNTS;
        String text = prompts.get((i / ACCOUNTS * 37 + a) % prompts.size());
        List<Message> context = contexts.get(a);
        List<Message> messages = new ArrayList<>();
        if (shape.equals("chat")) {
          if (context.size() >= 12) {
            context.clear();
          }
          messages.addAll(context);
          messages.add(Message.of(Role.USER, text));
          context.add(Message.of(Role.USER, text));
          context.add(Message.of(Role.ASSISTANT, "Here is a short answer to that."));
        } else {
          if (context.size() >= 40 || context.isEmpty()) {
            context.clear();
            context.add(Message.of(Role.USER, text));
          } else {
            context.add(Message.of(Role.ASSISTANT, "Let me read the file. [tool call: read_file]"));
            context.add(Message.of(Role.TOOL, "def parse(line):\n    return line.split(',')\n"));
          }
          messages.add(Message.of(Role.SYSTEM, "You are a coding agent working in the user's repository."));
          messages.addAll(context);
        }
        exchanges[i] = Exchange.builder().account("acct-" + a).timestamp(t += 50).messages(messages).build();
      }
      detector = detector();
      for (Exchange e : exchanges) {
        detector.inspect(e);
      }
    }
  }

  @Benchmark
  public Exchange oneShotBuildOnly(OneShot s) {
    return s.exchange();
  }

  @Benchmark
  public Signal oneShot(OneShot s) {
    return s.detector.inspect(s.exchange());
  }

  @Benchmark
  public Signal conversation(Conversation c) {
    return c.detector.inspect(c.exchanges[c.next++ & (EXCHANGES - 1)]);
  }
}
