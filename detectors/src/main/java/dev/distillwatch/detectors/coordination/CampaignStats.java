package dev.distillwatch.detectors.coordination;

import dev.distillwatch.sketches.datasketches.DistinctCountSketch;

/**
 * What a campaign's members did, for its score: members, requests, requests through templates
 * the member pushes distinct tasks through, requests eliciting reasoning, a sample of capability
 * domains, distinct tasks (a DataSketches HLL) among the requests recorded since joining, the spread of requests over members (sum and sum
 * of squares of their counts), the families of links that built it, and when members joined. Counters add under merges, the task sketch unions. Mutated under its own
 * monitor; ~300 bytes plus the sketch (lgK 8).
 */
final class CampaignStats {
  long members;
  long requests;
  long templated;
  long reasoning;
  /** Requests through a template while it was in a burst ({@link TemplateBursts}). */
  long lockstep;
  long classified;
  long capability;
  long sampled;
  int families;
  double countSum;
  double countSquares;
  long firstJoin = Long.MAX_VALUE;
  long lastJoin = Long.MIN_VALUE;
  private DistinctCountSketch tasks = DistinctCountSketch.create(8);

  synchronized void join(AccountLinks account, long time) {
    members++;
    requests += account.requests;
    templated += account.templated;
    reasoning += account.reasoning;
    countSum += account.requests;
    countSquares += (double) account.requests * account.requests;
    firstJoin = Math.min(firstJoin, time);
    lastJoin = Math.max(lastJoin, time);
  }

  /** One member request; {@code memberRequests} is the member's request count, this one included. */
  synchronized void record(long memberRequests, boolean isTemplated, boolean isReasoning, boolean inBurst,
      long taskHash, int domainSample) {
    requests++;
    countSum++;
    countSquares += 2.0 * memberRequests - 1;
    if (isTemplated) {
      templated++;
    }
    if (isReasoning) {
      reasoning++;
    }
    if (inBurst) {
      lockstep++;
    }
    if (taskHash != 0) {
      tasks.update(taskHash);
      sampled++;
    }
    if (domainSample >= 0) {
      classified++;
      if (domainSample == 1) {
        capability++;
      }
    }
  }

  synchronized void linkedBy(int familyMask) {
    families |= familyMask;
  }

  /** Adds another campaign's stats into this one (the other is left as it was). */
  void absorb(CampaignStats other) {
    Snapshot o = other.snapshot();
    DistinctCountSketch otherTasks;
    double otherSum;
    double otherSquares;
    synchronized (other) {
      otherTasks = other.tasks;
      otherSum = other.countSum;
      otherSquares = other.countSquares;
    }
    synchronized (this) {
      members += o.members;
      requests += o.requests;
      templated += o.templated;
      reasoning += o.reasoning;
      lockstep += o.lockstep;
      classified += o.classified;
      capability += o.capability;
      sampled += o.sampled;
      countSum += otherSum;
      countSquares += otherSquares;
      families |= o.families;
      firstJoin = Math.min(firstJoin, o.firstJoin);
      lastJoin = Math.max(lastJoin, o.lastJoin);
      synchronized (other) {
        tasks = tasks.merge(otherTasks);
      }
    }
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(members, requests, templated, reasoning, lockstep, classified, capability, families,
        tasks.estimate(), sampled, dispersion(), firstJoin, lastJoin);
  }

  /** The stats at one moment, for scoring outside the monitor. */
  record Snapshot(long members, long requests, long templated, long reasoning, long lockstep, long classified,
      long capability, int families, double tasks, long sampled, double dispersion, long firstJoin, long lastJoin) {}

  /** The coefficient of variation of the members' request counts (0: all alike). */
  private double dispersion() {
    if (members < 2 || countSum <= 0) {
      return 0;
    }
    double mean = countSum / members;
    double variance = Math.max(0, countSquares / members - mean * mean);
    return Math.sqrt(variance) / mean;
  }
}
