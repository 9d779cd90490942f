package dev.edgeinfer.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a classifier's scores: the top label, its score, and every label's score. Labels come from
 * the model's labels file; a model without one gets {@code class0, class1, ...}.
 */
public final class Classifier {
  private final String[] labels;

  public Classifier(List<String> labels, int classes) {
    if (!labels.isEmpty() && labels.size() != classes) {
      throw new IllegalArgumentException("the labels file names " + labels.size() + " labels but the model outputs "
          + classes + " scores");
    }
    this.labels = new String[classes];
    for (int i = 0; i < classes; i++) {
      this.labels[i] = labels.isEmpty() ? "class" + i : labels.get(i);
    }
  }

  public int top(float[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  public String label(int index) {
    return labels[index];
  }

  public Map<String, Double> named(float[] scores) {
    Map<String, Double> named = new LinkedHashMap<>();
    for (int i = 0; i < scores.length; i++) {
      named.put(labels[i], (double) scores[i]);
    }
    return named;
  }
}
