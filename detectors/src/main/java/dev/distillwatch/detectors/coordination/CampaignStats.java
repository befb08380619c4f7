package dev.distillwatch.detectors.coordination;

import dev.distillwatch.sketches.datasketches.DistinctCountSketch;

/**
 * What a campaign's members did, for its score: members, requests, requests through templates
 * the member pushes distinct tasks through, requests eliciting reasoning, a sample of capability
 * domains, distinct tasks (a DataSketches HLL), the families of links that built it, and when
 * members joined. Counters add under merges, the task sketch unions. Mutated under its own
 * monitor; ~300 bytes plus the sketch (lgK 8).
 */
final class CampaignStats {
  long members;
  long requests;
  long templated;
  long reasoning;
  long classified;
  long capability;
  int families;
  long firstJoin = Long.MAX_VALUE;
  long lastJoin = Long.MIN_VALUE;
  private DistinctCountSketch tasks = DistinctCountSketch.create(8);

  synchronized void join(AccountLinks account, long time) {
    members++;
    requests += account.requests;
    templated += account.templated;
    reasoning += account.reasoning;
    firstJoin = Math.min(firstJoin, time);
    lastJoin = Math.max(lastJoin, time);
  }

  synchronized void record(boolean isTemplated, boolean isReasoning, long taskHash, int domainSample) {
    requests++;
    if (isTemplated) {
      templated++;
    }
    if (isReasoning) {
      reasoning++;
    }
    if (taskHash != 0) {
      tasks.update(taskHash);
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
    synchronized (other) {
      otherTasks = other.tasks;
    }
    synchronized (this) {
      members += o.members;
      requests += o.requests;
      templated += o.templated;
      reasoning += o.reasoning;
      classified += o.classified;
      capability += o.capability;
      families |= o.families;
      firstJoin = Math.min(firstJoin, o.firstJoin);
      lastJoin = Math.max(lastJoin, o.lastJoin);
      synchronized (other) {
        tasks = tasks.merge(otherTasks);
      }
    }
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(members, requests, templated, reasoning, classified, capability, families,
        tasks.estimate(), firstJoin, lastJoin);
  }

  /** The stats at one moment, for scoring outside the monitor. */
  record Snapshot(long members, long requests, long templated, long reasoning, long classified,
      long capability, int families, double tasks, long firstJoin, long lastJoin) {}
}
