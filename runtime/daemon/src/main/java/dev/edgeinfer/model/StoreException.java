package dev.edgeinfer.model;

/**
 * A store operation that cannot be done in the store's present state: no such model or version, no
 * previous version to roll back to, an update already in progress. The message says which.
 */
public final class StoreException extends Exception {
  public StoreException(String message) {
    super(message);
  }
}
