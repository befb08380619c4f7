package dev.distillwatch.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generates a scenario's labelled traffic as a stream in timestamp order.
 *
 * <p>Every cohort's actors are merged through a priority queue on their next timestamp (ties
 * broken by the order the actors were created in), so memory is proportional to the number of
 * actors, never to the number of exchanges: an Alibaba-scale run of tens of millions of
 * exchanges is produced on the fly. Each cohort gets its own {@link SplittableRandom} split from
 * the scenario's seed in cohort order, so a seed gives the same bytes on every machine.
 */
public final class Simulator {
  private Simulator() {}

  /** The scenario's exchanges in timestamp order, generated as they are read. */
  public static Iterator<LabelledExchange> stream(Scenario scenario, PromptLibrary prompts) {
    Environment env = scenario.environment(prompts);
    SplittableRandom root = new SplittableRandom(scenario.seed());
    List<Actor> actors = new ArrayList<>();
    for (Cohort cohort : scenario.cohorts()) {
      actors.addAll(cohort.actors(env, root.split()));
    }
    return new Merge(actors, env.end());
  }

  private static final class Merge implements Iterator<LabelledExchange> {
    private final PriorityQueue<Entry> queue;
    private final long end;

    Merge(List<Actor> actors, long end) {
      this.end = end;
      this.queue = new PriorityQueue<>(Math.max(1, actors.size()));
      for (int i = 0; i < actors.size(); i++) {
        Actor a = actors.get(i);
        if (a.nextTime() < end) {
          queue.add(new Entry(a, i));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !queue.isEmpty();
    }

    @Override
    public LabelledExchange next() {
      Entry e = queue.poll();
      if (e == null) {
        throw new NoSuchElementException();
      }
      long due = e.actor.nextTime();
      LabelledExchange out = e.actor.emit();
      long following = e.actor.nextTime();
      if (following < due) {
        throw new IllegalStateException("actor " + e.actor + " scheduled backwards in time");
      }
      if (following < end) {
        e.time = following;
        queue.add(e);
      }
      return out;
    }
  }

  private static final class Entry implements Comparable<Entry> {
    final Actor actor;
    final int order;
    long time;

    Entry(Actor actor, int order) {
      this.actor = actor;
      this.order = order;
      this.time = actor.nextTime();
    }

    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Integer.compare(order, o.order);
    }
  }
}
