package dev.edgeinfer.update;

import java.util.Locale;

/**
 * The states a model update reports on {@code event/model}, in order. {@code rejected} (before
 * activation; the old model never stopped serving), {@code rolled_back} (after activation, or a
 * rollback command) and {@code committed} are final.
 */
public enum UpdateState {
  RECEIVED, DOWNLOADING, VERIFYING, TESTING, ACTIVE, TRIAL, COMMITTED, REJECTED, ROLLED_BACK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this == COMMITTED || this == REJECTED || this == ROLLED_BACK;
  }
}
