package recsys.offline.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import recsys.offline.similar.SimilarMoviesResults;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts as PNG bytes, drawn with XChart into in-memory images (no window, so it works with
 * {@code java.awt.headless=true} on a cluster driver).
 *
 * <ul>
 *   <li>{@link #rmseMae}: RMSE and MAE as grouped bars, one group per model, values on the bars.</li>
 *   <li>{@link #rankingAtK}: small multiples, one panel per ranking metric (NDCG, precision, recall, MAP,
 *       coverage) with k on the x axis and one line per model, plus a legend panel.</li>
 *   <li>{@link #predictedVsActual}: the serving model's sampled test rows as a scatter of prediction against
 *       rating, jittered sideways because ratings come in half stars, with the mean prediction per rating and
 *       the diagonal of a perfect prediction.</li>
 *   <li>{@link #similarMovies}: hit rate and MRR of each similar-movies list as grouped bars.</li>
 * </ul>
 */
public final class ReportCharts {

    /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale print. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999)};
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND};
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 360;
    private static final int GRID_COLUMNS = 3;
    private static final int GRID_TITLE_HEIGHT = 44;
    /** How far (in stars) a point is moved sideways at most; leaving a gap between neighbouring half-star ratings. */
    private static final double JITTER = 0.15;

    private ReportCharts() {
    }

    /** Grouped bars of RMSE and MAE per model, in the report's model order. */
    public static byte[] rmseMae(EvaluationReport report) {
        List<String> names = report.models().keySet().stream()
                .map(name -> name.equals(report.servingModel()) ? name + " (serving)" : name).toList();
        List<Double> rmse = new ArrayList<>();
        List<Double> mae = new ArrayList<>();
        report.models().values().forEach(m -> {
            rmse.add(m.rmse());
            mae.add(m.mae());
        });
        int width = Math.max(900, 230 * names.size() + 200);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(560)
                .title("Rating error per model on the test part (lower is better)")
                .xAxisTitle("Model").yAxisTitle("Error (stars)").build();
        styleAxes(chart.getStyler());
        chart.getStyler().setSeriesColors(new Color[] {PALETTE[0], PALETTE[1]});
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.WHITE);
        chart.getStyler().setLabelsPosition(0.96);
        // XChart formats the bar labels like the y axis ticks: two decimals, as in the original RMSE table
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(0.0);
        // head room for the labels above the bars and for the legend
        double highest = rmse.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        chart.getStyler().setYAxisMax(Math.max(highest * 1.25, 0.1));
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        if (names.size() > 4) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
        chart.addSeries("RMSE", names, rmse);
        chart.addSeries("MAE", names, mae);
        return png(BitmapEncoder.getBufferedImage(chart));
    }

    /** One panel per ranking metric at k = 1 … n, a line per model with curves, and a legend panel. */
    public static byte[] rankingAtK(EvaluationReport report) {
        RankingMetric[] metrics = RankingMetric.values();
        int panels = metrics.length + 1; // the last cell holds the legend
        int rows = (panels + GRID_COLUMNS - 1) / GRID_COLUMNS;
        BufferedImage image = new BufferedImage(GRID_COLUMNS * PANEL_WIDTH, GRID_TITLE_HEIGHT + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            prepare(g, image);
            int maxK = report.curves().values().stream().mapToInt(MetricCurves::maxK).max().orElse(MetricCurves.REPORT_MAX_K);
            drawCentred(g, "Ranking quality at k = 1 … " + maxK + " (split " + report.split() + ", seed "
                    + report.seed() + ")", TITLE_FONT, 0, 0, image.getWidth(), GRID_TITLE_HEIGHT);
            if (report.curves().isEmpty()) {
                drawCentred(g, "No model produced a ranking.", TEXT_FONT, 0, GRID_TITLE_HEIGHT, image.getWidth(),
                        image.getHeight() - GRID_TITLE_HEIGHT);
                return png(image);
            }
            for (int i = 0; i < metrics.length; i++) {
                XYChart panel = rankingPanel(report, metrics[i], maxK);
                Graphics2D cell = (Graphics2D) g.create((i % GRID_COLUMNS) * PANEL_WIDTH,
                        GRID_TITLE_HEIGHT + (i / GRID_COLUMNS) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
                panel.paint(cell, PANEL_WIDTH, PANEL_HEIGHT);
                cell.dispose();
            }
            drawLegend(g, report, (metrics.length % GRID_COLUMNS) * PANEL_WIDTH,
                    GRID_TITLE_HEIGHT + (metrics.length / GRID_COLUMNS) * PANEL_HEIGHT);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** The serving model's sampled (predicted, actual) pairs, jittered along the rating axis with {@code seed}. */
    public static byte[] predictedVsActual(EvaluationReport report) {
        PredictionSample sample = report.servingSample();
        String title = report.servingModel() + ": predicted vs actual rating";
        XYChart chart = new XYChartBuilder().width(900).height(720).title(title)
                .xAxisTitle("Actual rating (stars; points spread sideways by up to ±" + JITTER + ")")
                .yAxisTitle("Predicted rating (stars)").build();
        styleAxes(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.0");

        double lo = 0.5;
        double hi = 5.0;
        for (PredictionSample.Pair pair : sample.pairs()) {
            lo = Math.min(lo, Math.min(pair.predicted(), pair.actual()));
            hi = Math.max(hi, Math.max(pair.predicted(), pair.actual()));
        }
        lo = Math.floor(lo * 2) / 2 - 0.5;
        hi = Math.ceil(hi * 2) / 2 + 0.5;
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        chart.getStyler().setYAxisMin(lo);
        chart.getStyler().setYAxisMax(hi);

        XYSeries diagonal = chart.addSeries("perfect prediction", new double[] {lo, hi}, new double[] {lo, hi});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        diagonal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 6f}, 0f));

        if (sample.size() > 0) {
            SplittableRandom random = new SplittableRandom(sample.seed());
            double[] x = new double[sample.size()];
            double[] y = new double[sample.size()];
            Map<Double, double[]> byRating = new TreeMap<>(); // rating -> {sum of predictions, count}
            for (int i = 0; i < sample.size(); i++) {
                PredictionSample.Pair pair = sample.pairs().get(i);
                x[i] = pair.actual() + (random.nextDouble() * 2 - 1) * JITTER;
                y[i] = pair.predicted();
                double[] acc = byRating.computeIfAbsent(pair.actual(), r -> new double[2]);
                acc[0] += pair.predicted();
                acc[1]++;
            }
            XYSeries points = chart.addSeries(String.format(Locale.ROOT, "test row (%,d sampled of %,d, seed %d)",
                    sample.size(), sample.population(), sample.seed()), x, y);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            // translucent, so dense regions read darker
            points.setMarkerColor(new Color(0, 114, 178, sample.size() > 1000 ? 40 : 110));

            double[] ratings = byRating.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] means = byRating.values().stream().mapToDouble(acc -> acc[0] / acc[1]).toArray();
            XYSeries meanLine = chart.addSeries("mean prediction per rating", ratings, means);
            meanLine.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            meanLine.setMarker(SeriesMarkers.DIAMOND);
            meanLine.setMarkerColor(PALETTE[1]);
            meanLine.setLineColor(PALETTE[1]);
            meanLine.setLineWidth(3f);
        }
        return png(BitmapEncoder.getBufferedImage(chart));
    }

    /** Grouped bars of hit rate and MRR per similar-movies list; a note when the report has none. */
    public static byte[] similarMovies(EvaluationReport report) {
        SimilarMoviesResults similar = report.similarMovies();
        if (similar == null) {
            BufferedImage image = new BufferedImage(900, 200, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                prepare(g, image);
                drawCentred(g, "No similar-movies figures: this version has no top-N tables.", TEXT_FONT, 0, 0,
                        image.getWidth(), image.getHeight());
            } finally {
                g.dispose();
            }
            return png(image);
        }
        List<String> names = new ArrayList<>(similar.lists().keySet());
        List<Double> hitRate = new ArrayList<>();
        List<Double> mrr = new ArrayList<>();
        similar.lists().values().forEach(m -> {
            hitRate.add(m.hitRate());
            mrr.add(m.reciprocalRank());
        });
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 180 * names.size() + 200)).height(560)
                .title(String.format(Locale.ROOT, "Similar movies on the test part: %,d users, top %d (higher is"
                        + " better)", similar.users(), similar.k()))
                .xAxisTitle("List").yAxisTitle("Share of users / mean reciprocal rank").build();
        styleAxes(chart.getStyler());
        chart.getStyler().setSeriesColors(new Color[] {PALETTE[0], PALETTE[1]});
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(0.0);
        double highest = hitRate.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        chart.getStyler().setYAxisMax(Math.max(highest * 1.25, 0.1));
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.addSeries("hit rate@" + similar.k(), names, hitRate);
        chart.addSeries("MRR@" + similar.k(), names, mrr);
        return png(BitmapEncoder.getBufferedImage(chart));
    }

    private static XYChart rankingPanel(EvaluationReport report, RankingMetric metric, int maxK) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(metric.label() + "@k").xAxisTitle("k (list length)").yAxisTitle(metric.label()).build();
        styleAxes(chart.getStyler());
        chart.getStyler().setChartTitleFont(PANEL_TITLE_FONT);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax((double) maxK);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        AnnotationLine headline = new AnnotationLine(RankingMetric.HEADLINE_K, true, false);
        chart.addAnnotation(headline);
        chart.getStyler().setAnnotationLineColor(Color.GRAY);
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {4f, 4f}, 0f));
        int index = 0;
        for (Map.Entry<String, MetricCurves> entry : report.curves().entrySet()) {
            List<Double> values = entry.getValue().curve(metric);
            double[] k = new double[values.size()];
            double[] y = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                k[i] = i + 1;
                y[i] = values.get(i);
            }
            XYSeries series = chart.addSeries(entry.getKey(), k, y);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setLineColor(PALETTE[index % PALETTE.length]);
            series.setMarkerColor(PALETTE[index % PALETTE.length]);
            series.setMarker(MARKERS[index % MARKERS.length]);
            series.setLineWidth(entry.getKey().equals(report.servingModel()) ? 3f : 2f);
            index++;
        }
        return chart;
    }

    /** The models' colours and markers as drawn in the panels, and how to read them. */
    private static void drawLegend(Graphics2D g, EvaluationReport report, int left, int top) {
        int x = left + 40;
        int y = top + 50;
        g.setColor(Color.BLACK);
        g.setFont(PANEL_TITLE_FONT);
        g.drawString("Models", x, y);
        g.setFont(TEXT_FONT);
        int index = 0;
        for (String model : report.curves().keySet()) {
            y += 28;
            Color color = PALETTE[index % PALETTE.length];
            boolean serving = model.equals(report.servingModel());
            g.setColor(color);
            g.setStroke(new BasicStroke(serving ? 3f : 2f));
            g.drawLine(x, y - 5, x + 36, y - 5);
            MARKERS[index % MARKERS.length].paint(g, x + 18, y - 5, 8);
            g.setColor(Color.BLACK);
            g.drawString(model + (serving ? "  (serving)" : ""), x + 48, y);
            index++;
        }
        List<String> notes = new ArrayList<>(List.of(
                "Means over test users with a relevant movie;",
                "coverage: share of the catalogue in anyone's top k.",
                "Higher is better in every panel; the dashed line",
                "marks k = " + RankingMetric.HEADLINE_K + ", the report's headline cut-off."));
        List<String> unranked = report.models().keySet().stream()
                .filter(model -> !report.curves().containsKey(model)).toList();
        if (!unranked.isEmpty()) {
            notes.add("No ranking: " + String.join(", ", unranked) + ".");
        }
        y += 40;
        g.setColor(Color.DARK_GRAY);
        for (String note : notes) {
            g.drawString(note, x, y);
            y += 20;
        }
    }

    private static void styleAxes(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.LIGHT_GRAY);
        styler.setPlotGridLinesColor(new Color(0xE0E0E0));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(TEXT_FONT);
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(TEXT_FONT);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setAntiAlias(true);
    }

    private static void prepare(Graphics2D g, BufferedImage image) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
    }

    private static void drawCentred(Graphics2D g, String text, Font font, int left, int top, int width, int height) {
        g.setFont(font);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, left + (width - metrics.stringWidth(text)) / 2,
                top + (height - metrics.getHeight()) / 2 + metrics.getAscent());
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
    }
}
