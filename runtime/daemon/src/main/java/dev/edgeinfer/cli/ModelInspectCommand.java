package dev.edgeinfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.OperatorDescription;
import dev.edgeinfer.tflite.read.TensorDescription;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edgeinfer model inspect}: tensors, operators, quantization, size, and which engines run the model here. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Describe a .tflite model.")
public final class ModelInspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "M.tflite")
  Path file;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ModelDescription model = Engines.describe(file);
    Map<String, String> engines = new LinkedHashMap<>();
    engines.put("tflite", tryEngine(EngineKind.TFLITE));
    engines.put("java", tryEngine(EngineKind.JAVA));
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      System.out.println(mapper.writeValueAsString(toJson(mapper, model, engines)));
    } else {
      printText(model, engines);
    }
    return Main.OK;
  }

  /** "yes", or why not. */
  private String tryEngine(EngineKind kind) {
    try (InferenceEngine ignored = Engines.open(file, new Engines.Options(kind, 1, false))) {
      return "yes";
    } catch (ModelLoadException e) {
      return "no: " + e.getMessage().substring(file.toString().length() + 2);
    }
  }

  private void printText(ModelDescription model, Map<String, String> engines) {
    System.out.printf("%s: %,d bytes, schema version %d, %d subgraph(s), %d tensors, %d operators%n", file,
        model.fileBytes(), model.schemaVersion(), model.subgraphCount(), model.tensors().size(),
        model.operators().size());
    if (!model.description().isEmpty()) {
      System.out.println("description: " + model.description());
    }
    System.out.println("inputs:");
    model.inputTensors().forEach(t -> System.out.println("  " + describe(t)));
    System.out.println("outputs:");
    model.outputTensors().forEach(t -> System.out.println("  " + describe(t)));
    Map<String, Integer> counts = new LinkedHashMap<>();
    model.operators().forEach(op -> counts.merge(op.opName(), 1, Integer::sum));
    System.out.println("operators: " + counts);
    long weights = model.tensors().stream().mapToLong(TensorDescription::dataBytes).sum();
    System.out.printf("constant data: %,d bytes%n", weights);
    System.out.println("engines:");
    engines.forEach((name, verdict) -> System.out.println("  " + name + ": " + verdict));
  }

  private static String describe(TensorDescription t) {
    String q = t.scales().length == 0 ? ""
        : t.scales().length == 1 ? " scale=" + t.scales()[0] + " zeroPoint=" + t.zeroPoints()[0]
        : " per-channel(" + t.scales().length + ", dim " + t.quantizedDimension() + ")";
    return "#" + t.index() + " " + t.name() + " " + t.typeName() + Arrays.toString(t.shape()) + q;
  }

  private ObjectNode toJson(ObjectMapper mapper, ModelDescription model, Map<String, String> engines) {
    ObjectNode root = mapper.createObjectNode();
    root.put("file", file.toString());
    root.put("bytes", model.fileBytes());
    root.put("schemaVersion", model.schemaVersion());
    root.put("description", model.description());
    root.put("subgraphs", model.subgraphCount());
    ArrayNode inputs = root.putArray("inputs");
    model.inputTensors().forEach(t -> inputs.add(tensorJson(mapper, t)));
    ArrayNode outputs = root.putArray("outputs");
    model.outputTensors().forEach(t -> outputs.add(tensorJson(mapper, t)));
    ArrayNode tensors = root.putArray("tensors");
    model.tensors().forEach(t -> tensors.add(tensorJson(mapper, t)));
    ArrayNode operators = root.putArray("operators");
    for (OperatorDescription op : model.operators()) {
      ObjectNode o = operators.addObject();
      o.put("index", op.index());
      o.put("op", op.opName());
      o.put("version", op.version());
      ArrayNode in = o.putArray("inputs");
      Arrays.stream(op.inputs()).forEach(in::add);
      ArrayNode out = o.putArray("outputs");
      Arrays.stream(op.outputs()).forEach(out::add);
    }
    ObjectNode engineNode = root.putObject("engines");
    engines.forEach(engineNode::put);
    return root;
  }

  private static ObjectNode tensorJson(ObjectMapper mapper, TensorDescription t) {
    ObjectNode o = mapper.createObjectNode();
    o.put("index", t.index());
    o.put("name", t.name());
    o.put("type", t.typeName());
    ArrayNode shape = o.putArray("shape");
    Arrays.stream(t.shape()).forEach(shape::add);
    o.put("constantBytes", t.dataBytes());
    if (t.scales().length > 0) {
      ObjectNode q = o.putObject("quantization");
      ArrayNode scales = q.putArray("scale");
      for (float s : t.scales()) {
        scales.add(s);
      }
      ArrayNode zps = q.putArray("zeroPoint");
      Arrays.stream(t.zeroPoints()).forEach(zps::add);
      q.put("quantizedDimension", t.quantizedDimension());
    }
    return o;
  }
}
