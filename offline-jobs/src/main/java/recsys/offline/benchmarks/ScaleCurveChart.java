package recsys.offline.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The log-log chart of each stage's wall time against the dataset's ratings, from the {@code stages.tsv} that
 * {@code bin/recsys-scale-bench} writes, and the growth of each stage between consecutive sizes (the exponent of
 * time in ratings: 1 is linear). Run: {@code bin/bench-offline ScaleCurveChart var/scale/stages.tsv
 * docs/scale-curve.png}.
 */
public final class ScaleCurveChart {

    private ScaleCurveChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ScaleCurveChart STAGES_TSV OUTPUT_PNG");
            System.exit(2);
        }
        Map<String, List<double[]>> byStage = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            byStage.computeIfAbsent(fields[2], stage -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(fields[1]), Double.parseDouble(fields[3])});
        }
        XYChart chart = new XYChartBuilder().width(900).height(640)
                .title("Wall time per stage against ratings (log-log; 2 cores, local[*])")
                .xAxisTitle("Ratings").yAxisTitle("Seconds").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(7);
        byStage.forEach((stage, points) -> {
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            chart.addSeries(stage, points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
            for (int i = 1; i < points.size(); i++) {
                double[] from = points.get(i - 1);
                double[] to = points.get(i);
                System.out.printf(Locale.ROOT, "%-14s %,12.0f → %,12.0f ratings: %8.1f → %8.1f s, exponent %.2f"
                                + " (%.2f× per doubling)%n", stage, from[0], to[0], from[1], to[1],
                        Math.log(to[1] / from[1]) / Math.log(to[0] / from[0]),
                        Math.pow(2, Math.log(to[1] / from[1]) / Math.log(to[0] / from[0])));
            }
        });
        BitmapEncoder.saveBitmap(chart, args[1], BitmapEncoder.BitmapFormat.PNG);
        System.out.println("chart: " + args[1]);
    }
}
