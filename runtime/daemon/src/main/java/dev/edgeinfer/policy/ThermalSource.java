package dev.edgeinfer.policy;

import java.io.IOException;

/** The board's temperature and throttling. Called from the policy's thread only, about once a second. */
public interface ThermalSource {

  ThermalReading read() throws IOException;
}
