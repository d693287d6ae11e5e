package recsys.offline.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import recsys.offline.storage.StorageLayout;

/**
 * Charts of an evaluation report as {@code evaluate} writes it ({@code reports/<version>/report.json}): one bar per
 * model for a headline metric, and the metric against k for every model. Read from the JSON file, not from the
 * job's objects, so a notebook plots any stored report, including those of earlier runs.
 *
 * @param json the report
 */
public record ReportPlots(JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The report of the newest version under {@code storage}'s reports folder, if any. */
    public static Optional<ReportPlots> latest(StorageLayout storage) {
        Path reports = new Path(storage.root().toString(), "reports");
        try {
            var fs = reports.getFileSystem(storage.hadoop());
            if (!fs.exists(reports)) {
                return Optional.empty();
            }
            // version ids start with their UTC creation time, so the greatest name is the newest
            Optional<Path> newest = java.util.Arrays.stream(fs.listStatus(reports)).filter(FileStatus::isDirectory)
                    .map(FileStatus::getPath).filter(dir -> exists(fs, new Path(dir, "report.json")))
                    .max(java.util.Comparator.comparing(Path::getName));
            if (newest.isEmpty()) {
                return Optional.empty();
            }
            try (var in = fs.open(new Path(newest.get(), "report.json"))) {
                return Optional.of(new ReportPlots(JSON.readTree(in)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reports under " + reports, e);
        }
    }

    private static boolean exists(org.apache.hadoop.fs.FileSystem fs, Path file) {
        try {
            return fs.exists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return json.path("version").asText();
    }

    /**
     * {@code metric} (e.g. {@code ndcg@10}, {@code rmse}) of every model and ranking baseline that reports it, in
     * the report's order.
     */
    public Map<String, Double> headline(String metric) {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (String section : List.of("models", "ranking_baselines")) {
            Iterator<Map.Entry<String, JsonNode>> models = json.path(section).fields();
            while (models.hasNext()) {
                Map.Entry<String, JsonNode> model = models.next();
                JsonNode value = model.getValue().get(metric);
                if (value != null && value.isNumber()) {
                    values.put(model.getKey(), value.asDouble());
                }
            }
        }
        return values;
    }

    /** One bar per model for {@code metric}. */
    public CategoryChart bars(String metric) {
        Map<String, Double> values = headline(metric);
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420)
                .title(metric + " by model, report " + version()).xAxisTitle("model").yAxisTitle(metric).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.addSeries(metric, new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
        return chart;
    }

    /** {@code metric} (ndcg, precision, recall, map or coverage) against k, one line per model in {@code models}. */
    public XYChart atK(String metric, List<String> models) {
        XYChart chart = new XYChartBuilder().width(900).height(460)
                .title(metric + "@k, report " + version()).xAxisTitle("k").yAxisTitle(metric).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (String model : models) {
            JsonNode curve = json.path("curves").path(model);
            if (curve.isMissingNode()) {
                throw new IllegalArgumentException("report " + version() + " has no curves for " + model
                        + "; it has " + names(json.path("curves")));
            }
            chart.addSeries(model, numbers(curve.path("k")), numbers(curve.path(metric)));
        }
        return chart;
    }

    /** Every model with curves. */
    public List<String> curveNames() {
        return names(json.path("curves"));
    }

    /** A chart as an image, which the Java kernel's {@code display} shows inline. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
