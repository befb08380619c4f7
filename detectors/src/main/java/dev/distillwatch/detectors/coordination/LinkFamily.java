package dev.distillwatch.detectors.coordination;

/**
 * The kinds of evidence that two accounts are run by one operator. Keys of one family are not
 * independent of each other (a NAT's /24 and its ASN say the same thing), so a merge needs
 * evidence from at least two families ({@link #independent}); and {@link #NETWORK} and {@link
 * #CLIENT} count as one, since one deployment of one app gives all its users both the same
 * servers and the same software.
 */
public enum LinkFamily {
  /** Who pays: the payment-method fingerprint. */
  BILLING("payment"),
  /** Where requests come from: the /24 (IPv4) or /48 (IPv6), the ASN. */
  NETWORK("network"),
  /** What is sent: a prompt template through which the account pushes distinct tasks. */
  CONTENT("template"),
  /**
   * What sends it: the request shape (parameter names with bucketed values) and the user agent
   * with a TLS or HTTP fingerprint — the operator's one orchestrator script.
   */
  CLIENT("client");

  /** The families, in ordinal order. */
  static final LinkFamily[] ALL = values();
  /** The bits of every family in a family mask (bit {@code 1 << ordinal}). */
  static final int MASK = (1 << ALL.length) - 1;

  private final String label;

  LinkFamily(String label) {
    this.label = label;
  }

  /** A key hash tagged with this family in its two low bits (never 0). */
  long tag(long key) {
    long t = (key & ~3L) | ordinal();
    return t == 0 ? 4 : t;
  }

  /** The family a {@link #tag tagged} key belongs to. */
  static LinkFamily of(long taggedKey) {
    return ALL[(int) (taggedKey & 3)];
  }

  /** True when {@code familyMask} (bit {@code 1 << ordinal}) has this family. */
  boolean in(int familyMask) {
    return (familyMask & (1 << ordinal())) != 0;
  }

  /**
   * How many independent families {@code familyMask} holds: {@link #NETWORK} and {@link #CLIENT}
   * together count once (one app deployment: its servers and its software).
   */
  static int independent(int familyMask) {
    int n = Integer.bitCount(familyMask & MASK);
    return NETWORK.in(familyMask) && CLIENT.in(familyMask) ? n - 1 : n;
  }

  /**
   * Whether links in {@code familyMask} are enough to merge: at least {@code minimum} independent
   * families, and either a direct key among them ({@code direct}: the same card, the same /24 or
   * /48) or content and client evidence from one pair of accounts ({@code paired}: the same
   * template pushing distinct tasks, sent with the same rare request shape — an orchestrator's
   * signature even through own cards and own addresses).
   */
  static boolean enough(int familyMask, boolean direct, boolean paired, int minimum) {
    return independent(familyMask) >= minimum
        && (direct || (paired && CONTENT.in(familyMask) && CLIENT.in(familyMask)));
  }

  /** A short label for evidence strings. */
  public String label() {
    return label;
  }
}
