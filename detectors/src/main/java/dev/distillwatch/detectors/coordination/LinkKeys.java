package dev.distillwatch.detectors.coordination;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.detectors.parameters.ParameterProbingDetector;
import java.util.Map;

/**
 * The infrastructure link keys of one exchange, as seeded 64-bit hashes (never the raw values):
 * the payment fingerprint ({@link LinkFamily#BILLING}); the client's /24 (IPv4) or /48 (IPv6)
 * and its ASN from {@code attrs} ({@link LinkFamily#NETWORK}); its request shape — the parameter
 * names with bucketed values ({@link ParameterProbingDetector#fingerprint}) — and its client
 * fingerprint — the user agent together with any TLS or HTTP fingerprint attribute ({@code ja3},
 * {@code ja4}, {@code h2}) — ({@link LinkFamily#CLIENT}). A user agent alone is not a key: a
 * handful of SDK strings cover the population; a request without parameters has no shape key.
 * Missing or malformed fields give no key; nothing here throws on bad input. Template keys come
 * from {@code TemplateBands}, in the detector.
 */
final class LinkKeys {
  /** Fingerprint attributes that, with the user agent, identify a client stack. */
  private static final String[] FINGERPRINTS = {"ja3", "ja4", "h2"};

  private final Hasher64 hasher;

  LinkKeys(long seed) {
    this.hasher = Hashing.komihash5_0(seed ^ 0x6C696E6B6B657973L);
  }

  /** Weight of a link through an ASN: an ASN is a whole provider, so it takes several to count. */
  static final double ASN_SCALE = 0.25;
  /** Weight of a link through a client fingerprint: shared by everyone on one client build. */
  static final double CLIENT_SCALE = 0.5;
  /** Weight of a link through a request shape: shared by everyone running one script or app. */
  static final double SHAPE_SCALE = 0.5;

  /**
   * Writes the keys into {@code keys}, their families into {@code families} and the weight scale
   * of their kind into {@code scales}; returns how many. {@code shape} is the exchange's
   * {@linkplain #shape request-shape key} (0 for none), computed once by the caller, who needs it
   * too.
   */
  int extract(Exchange exchange, long shape, long[] keys, LinkFamily[] families, double[] scales) {
    int n = 0;
    String payment = exchange.payment();
    if (payment != null && !payment.isBlank()) {
      keys[n] = tagged(1, payment);
      scales[n] = 1;
      families[n++] = LinkFamily.BILLING;
    }
    String prefix = networkPrefix(exchange.ip());
    if (prefix != null) {
      keys[n] = tagged(2, prefix);
      scales[n] = 1;
      families[n++] = LinkFamily.NETWORK;
    }
    Map<String, String> attrs = exchange.attributes();
    String asn = attrs == null ? null : attrs.get("asn");
    if (asn != null && !asn.isBlank()) {
      keys[n] = tagged(3, asn);
      scales[n] = ASN_SCALE;
      families[n++] = LinkFamily.NETWORK;
    }
    if (attrs != null) {
      StringBuilder client = null;
      for (String f : FINGERPRINTS) {
        String v = attrs.get(f);
        if (v != null && !v.isBlank()) {
          if (client == null) {
            client = new StringBuilder(64).append(exchange.userAgent() == null ? "" : exchange.userAgent());
          }
          client.append('\u0000').append(f).append('=').append(v);
        }
      }
      if (client != null) {
        keys[n] = tagged(4, client);
        scales[n] = CLIENT_SCALE;
        families[n++] = LinkFamily.CLIENT;
      }
    }
    if (shape != 0) {
      keys[n] = shape;
      scales[n] = SHAPE_SCALE;
      families[n++] = LinkFamily.CLIENT;
    }
    return n;
  }

  /** The most keys {@link #extract} writes. */
  static final int MAXIMUM = 5;

  /** The seeded request-shape key of {@code parameters}, 0 when there are none. */
  long shape(Parameters parameters) {
    if (parameters == null || parameters.raw().isEmpty()) {
      return 0;
    }
    long h = KeyTable.mix(hasher.hashLongToLong(ParameterProbingDetector.fingerprint(parameters)) + 5 * 0x9E37_79B9_7F4A_7C15L);
    return h == 0 ? 5 : h;
  }

  /** A seeded hash of the account id. */
  long account(String account) {
    long h = hasher.hashCharsToLong(account);
    return h == 0 ? 1 : h;
  }

  /** A seeded hash of an organisation, 0 for none. */
  long org(String org) {
    if (org == null || org.isBlank()) {
      return 0;
    }
    long h = hasher.hashCharsToLong(org) ^ 0x6F7267L;
    return h == 0 ? 1 : h;
  }

  private long tagged(int tag, CharSequence value) {
    long h = KeyTable.mix(hasher.hashCharsToLong(value) + tag * 0x9E37_79B9_7F4A_7C15L);
    return h == 0 ? tag : h;
  }

  /**
   * The /24 of an IPv4 address ("a.b.c") or the /48 of an IPv6 address (its first three groups,
   * expanded), or null when the address is missing or not parseable.
   */
  static String networkPrefix(String ip) {
    if (ip == null || ip.isEmpty()) {
      return null;
    }
    if (ip.indexOf(':') >= 0) {
      return ipv6Slash48(ip);
    }
    int dots = 0;
    int last = -1;
    for (int i = 0; i < ip.length(); i++) {
      char c = ip.charAt(i);
      if (c == '.') {
        dots++;
        last = i;
      } else if (c < '0' || c > '9') {
        return null;
      }
    }
    return dots == 3 && last > 0 ? ip.substring(0, last) : null;
  }

  private static String ipv6Slash48(String ip) {
    String s = ip;
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    String[] head;
    int gap = s.indexOf("::");
    if (gap >= 0) {
      String left = s.substring(0, gap);
      head = left.isEmpty() ? new String[0] : left.split(":", -1);
    } else {
      head = s.split(":", -1);
      if (head.length < 3) {
        return null;
      }
    }
    StringBuilder out = new StringBuilder(16);
    for (int i = 0; i < 3; i++) {
      String g = i < head.length ? head[i] : "0";
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
      for (int k = 0; k < g.length(); k++) {
        if (Character.digit(g.charAt(k), 16) < 0) {
          return null;
        }
      }
      out.append(Integer.parseInt(g, 16)).append(':');
    }
    return out.toString();
  }
}
