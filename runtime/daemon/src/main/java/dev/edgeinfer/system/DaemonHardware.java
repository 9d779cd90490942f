package dev.edgeinfer.system;

import dev.edgeinfer.action.ActionTimer;
import dev.edgeinfer.action.ResultActions;
import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.pipeline.RetryPolicy;
import dev.edgeinfer.pipeline.SensorEventSink;
import dev.edgeinfer.pipeline.SensorMonitor;
import dev.edgeinfer.sensor.SensorSource;
import dev.edgeinfer.sensor.SensorSources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The daemon's side of pins and buses: the one Pi4J context (opened from {@code hardware:} only when
 * the config has a sensor on pins or a bus or an action, or given by a test), the sources opened
 * through it, each pipeline's actions, and the monitors of sensors no pipeline reads.
 *
 * <p>Used by {@link Daemon} under its lock: built during start, released during stop.
 */
final class DaemonHardware {
  private static final Logger LOG = Logger.getLogger(DaemonHardware.class.getName());

  private final EdgeConfig config;
  private final boolean owned;
  private final List<ResultActions> actions = new ArrayList<>();
  private final List<SensorMonitor> monitors = new ArrayList<>();
  private Hardware hardware;
  private ActionTimer timer;

  DaemonHardware(EdgeConfig config, Hardware given) {
    this.config = config;
    this.hardware = given;
    this.owned = given == null;
  }

  /** Opens the context when the config needs one and none was given. */
  void open() throws Exception {
    boolean needed = config.sensors().values().stream().anyMatch(SensorConfig::isHardware)
        || config.pipelines().values().stream().anyMatch(p -> !p.actions().isEmpty());
    if (hardware == null && needed) {
      hardware = Hardware.open(config.hardware());
      LOG.info("hardware: " + hardware);
    }
    if (hardware != null) {
      timer = ActionTimer.threaded();
    }
  }

  SensorSource source(SensorConfig sensor) throws Exception {
    return sensor.isHardware() ? SensorSources.open(sensor, hardware) : SensorSources.open(sensor);
  }

  /** The pipeline's rules, with their output pins opened in the safe state; labels checked first. */
  ResultActions actions(PipelineConfig p, ModelConfig model, List<String> labels) throws Exception {
    for (int i = 0; i < p.actions().size(); i++) {
      // An action on a label the model never gives would never fire.
      String label = p.actions().get(i).when().label();
      if (!labels.contains(label)) {
        throw new StartupException("pipelines." + p.name() + ".actions[" + i + "].when.label: \"" + label
            + "\" is not a label of model " + model.name()
            + (labels.isEmpty() ? " (it has no labels file)" : " (" + String.join(", ", labels) + ")"), null);
      }
    }
    ResultActions pipelineActions = ResultActions.open(p, hardware, timer);
    actions.add(pipelineActions);
    return pipelineActions;
  }

  /**
   * Opens the hardware sensors that no pipeline reads, sampled for {@code status} and as the
   * precision policy's power signal. Their sources go into {@code resources} to be closed with the rest.
   */
  void openMonitors(SensorEventSink events, List<AutoCloseable> resources) throws Exception {
    Set<String> read = new HashSet<>();
    config.pipelines().values().forEach(p -> read.add(p.source()));
    for (SensorConfig s : config.sensors().values()) {
      if (s.isHardware() && !read.contains(s.name())) {
        SensorSource source = SensorSources.open(s, hardware);
        resources.add(source);
        monitors.add(new SensorMonitor(source, events, RetryPolicy.DEFAULT));
      }
    }
  }

  List<SensorMonitor> monitors() {
    return monitors;
  }

  Optional<SensorMonitor> monitor(String sensor) {
    return monitors.stream().filter(m -> m.source().name().equals(sensor)).findFirst();
  }

  void stopMonitors() {
    monitors.forEach(SensorMonitor::stop);
  }

  /** Every output to its safe state, for good, whether or not the pipelines have finished. */
  void outputsSafe() {
    actions.forEach(ResultActions::close);
    if (timer != null) {
      timer.close();
    }
  }

  /** Releases the context if the daemon opened it. */
  void close() {
    if (hardware != null && owned) {
      hardware.close();
    }
  }
}
