package dev.edgeinfer.cli;

import picocli.CommandLine.IVersionProvider;

/** picocli's {@code --version}: the daemon's one version ({@link dev.edgeinfer.system.Version}). */
final class Version {
  private Version() {}

  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"edgeinfer " + dev.edgeinfer.system.Version.current()};
    }
  }
}
