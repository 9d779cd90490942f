package dev.edgeinfer.publish;

/**
 * Turns a failed connect into a sentence that names the cause and the setting to look at. Paho
 * reports TLS failures as a generic exception with the JDK's message underneath; the three
 * usual ones get a plain explanation in front. Stateless.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  static String explain(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null && all.length() < 4_000; t = t.getCause()) {
      all.append(t).append(" / ");
    }
    String text = all.toString();
    String hint = null;
    if (text.contains("PKIX path") || text.contains("unable to find valid certification path")) {
      hint = "the broker's certificate is not signed by a CA in mqtt.tls.caFile";
    } else if (text.contains("No subject alternative") || text.contains("doesn't match any of the subject alternative names")
        || text.contains("No name matching")) {
      hint = "the broker's certificate does not name the host in the broker URL (mqtt.tls.verifyHostname)";
    } else if (text.contains("unknown_ca") || text.contains("bad_certificate") || text.contains("certificate_required")
        || text.contains("certificate_unknown") || text.contains("access_denied")) {
      hint = "the broker refused our client certificate (mqtt.tls.certFile, mqtt.tls.keyFile)";
    } else if (text.contains("(reason 4)") || text.contains("(reason 5)") || text.contains("(reason 134)")
        || text.contains("(reason 135)") || text.toLowerCase(java.util.Locale.ROOT).contains("not authori")
        || text.toLowerCase(java.util.Locale.ROOT).contains("bad user name or password")) {
      hint = "the broker refused the credentials (mqtt.credentialsFile)";
    }
    String base = e.getMessage() == null ? e.toString() : e.getMessage();
    return hint == null ? base : hint + ": " + base;
  }
}
