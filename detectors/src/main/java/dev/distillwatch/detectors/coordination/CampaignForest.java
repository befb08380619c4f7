package dev.distillwatch.detectors.coordination;

import com.github.benmanes.caffeine.cache.Cache;
import dev.distillwatch.detectors.Bounded;
import java.util.function.LongConsumer;

/**
 * Union-find over campaigns, in bounded memory. An account outside any campaign is its own root
 * (its id); a campaign is a node named by its founder's account id, created when two accounts
 * first merge. Merging two campaigns points the younger at the older, so a campaign's id — its
 * oldest founder's — is stable across the run. Nodes live in a Caffeine cache of fixed size;
 * a cold campaign is evicted and its members fall back to being on their own.
 *
 * <p>{@link #root} reads volatile parent pointers without locking (and compresses paths);
 * {@link #union} takes one short lock: unions are rare (once per account joining) and do a few
 * pointer writes and a counter merge.
 */
final class CampaignForest {
  private final Cache<Long, Node> nodes;
  private final Object unionLock = new Object();

  /** One campaign node: its parent (itself when a root), its founding time, its stats. */
  static final class Node {
    final long id;
    final long created;
    volatile long parent;
    final CampaignStats stats = new CampaignStats();

    Node(long id, long created) {
      this.id = id;
      this.created = created;
      this.parent = id;
    }
  }

  CampaignForest(long capacity) {
    this.nodes = Bounded.ofSize(capacity);
  }

  /** The current root of {@code id}: the campaign it belongs to, or {@code id} itself. */
  long root(long id) {
    Node n = nodes.getIfPresent(id);
    if (n == null) {
      return id;
    }
    Node start = n;
    int hops = 0;
    while (n.parent != n.id && hops++ < 64) {
      Node p = nodes.getIfPresent(n.parent);
      if (p == null) {
        break; // an evicted ancestor: the chain ends here
      }
      n = p;
    }
    if (start != n) {
      start.parent = n.id;
    }
    return n.id;
  }

  /** The root node of a campaign, or null when {@code root} is not (or no longer) a campaign. */
  Node node(long root) {
    Node n = nodes.getIfPresent(root);
    return n != null && n.parent == n.id ? n : null;
  }

  /**
   * Merges the campaigns (or lone accounts) {@code a} and {@code b}, both roots; {@code aSince}
   * and {@code bSince} are the first-seen times of lone accounts (ignored for campaigns). Returns
   * the surviving root, the older of the two. {@code joined} is called with each lone account that
   * became a member.
   */
  long union(long a, long aSince, long b, long bSince, Joined joined) {
    synchronized (unionLock) {
      a = root(a);
      b = root(b);
      if (a == b) {
        return a;
      }
      Node na = node(a);
      Node nb = node(b);
      long ta = na != null ? na.created : aSince;
      long tb = nb != null ? nb.created : bSince;
      boolean aOlder = ta < tb || (ta == tb && a < b);
      long keep = aOlder ? a : b;
      long gone = aOlder ? b : a;
      Node keepNode = aOlder ? na : nb;
      Node goneNode = aOlder ? nb : na;
      if (keepNode == null) {
        keepNode = new Node(keep, Math.min(ta, tb));
        nodes.put(keep, keepNode);
        joined.joined(keep, keep);
      }
      if (goneNode == null) {
        joined.joined(gone, keep);
      } else {
        goneNode.parent = keep;
        keepNode.stats.absorb(goneNode.stats);
      }
      return keep;
    }
  }

  /**
   * Takes in another forest's root campaign: as a new root with a copy of its stats, or, when a
   * campaign of that id is already held, by adding its stats to that campaign's root.
   */
  void adopt(Node theirs) {
    synchronized (unionLock) {
      Node mine = nodes.getIfPresent(theirs.id);
      if (mine == null) {
        mine = new Node(theirs.id, theirs.created);
        nodes.put(theirs.id, mine);
        mine.stats.absorb(theirs.stats);
      } else {
        Node root = node(root(theirs.id));
        if (root != null && root != theirs) {
          root.stats.absorb(theirs.stats);
        }
      }
    }
  }

  /** Told of each lone account that became a member of a campaign. */
  interface Joined {
    void joined(long account, long campaign);
  }

  /** Campaign nodes held now (roots and merged-away ones). */
  long size() {
    nodes.cleanUp();
    return nodes.estimatedSize();
  }

  /** Calls {@code action} with every root campaign's id. */
  void forEachRoot(LongConsumer action) {
    for (Node n : nodes.asMap().values()) {
      if (n.parent == n.id) {
        action.accept(n.id);
      }
    }
  }
}
