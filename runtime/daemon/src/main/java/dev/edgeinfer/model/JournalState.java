package dev.edgeinfer.model;

import java.util.Locale;

/**
 * Where a pending update is, as its journal records it. A daemon that starts and finds a journal
 * died in that state; {@link ModelStore#recover()} undoes the update whatever the state.
 */
public enum JournalState {
  /** Received, being downloaded, verified or installed: the active version has not changed yet. */
  STAGING,
  /** The self-test is running the new version (native code may crash the process here). */
  TESTING,
  /** The new version is active and serving; the trial decides whether it stays. */
  TRIAL;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JournalState fromJsonName(String s) {
    for (JournalState st : values()) {
      if (st.jsonName().equals(s)) {
        return st;
      }
    }
    throw new IllegalArgumentException("unknown update state \"" + s + "\"");
  }
}
