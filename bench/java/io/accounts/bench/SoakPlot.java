package io.accounts.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** The soak's series as one PNG of stacked panels (Java 2D, headless: nothing to install). */
final class SoakPlot {

    private static final int WIDTH = 1000;
    private static final int PANEL = 190;
    private static final int LEFT = 70;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private SoakPlot() {
    }

    private record Series(String name, double[] values) {
    }

    static void draw(List<SoakSample> samples, Path png) throws IOException {
        boolean db = samples.get(samples.size() - 1).dbRssKb() > 0;
        double[] minutes = samples.stream().mapToDouble(s -> s.seconds() / 60).toArray();
        List<List<Series>> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        titles.add("store file and live data (MB)");
        panels.add(List.of(new Series("file", map(samples, (s, p) -> s.fileBytes() / 1048576.0)),
                new Series("live documents (BSON)", map(samples, (s, p) -> s.dataBytes() / 1048576.0))));
        titles.add("live documents");
        panels.add(List.of(new Series("documents", map(samples, (s, p) -> (double) s.documents()))));
        titles.add("resident size (MB)");
        panels.add(db ? List.of(new Series("service", map(samples, (s, p) -> s.serviceRssKb() / 1024.0)),
                new Series("database process", map(samples, (s, p) -> s.dbRssKb() / 1024.0)))
                : List.of(new Series("service", map(samples, (s, p) -> s.serviceRssKb() / 1024.0))));
        titles.add("GC time (% of each 10 s)");
        panels.add(db ? List.of(new Series("service", map(samples, (s, p) -> 100 * (s.serviceGc() - p.serviceGc())
                        / (s.seconds() - p.seconds()))),
                new Series("database process", map(samples, (s, p) -> 100 * (s.dbGc() - p.dbGc())
                        / (s.seconds() - p.seconds()))))
                : List.of(new Series("service", map(samples, (s, p) -> 100 * (s.serviceGc() - p.serviceGc())
                        / (s.seconds() - p.seconds())))));
        titles.add("CPU ms per rotation (all CPU / rotations, each 10 s)");
        panels.add(db ? List.of(new Series("service", map(samples, (s, p) -> perRotation(s.serviceCpu() - p.serviceCpu(),
                        s.rotations() - p.rotations()))),
                new Series("database process", map(samples, (s, p) -> perRotation(s.dbCpu() - p.dbCpu(),
                        s.rotations() - p.rotations()))))
                : List.of(new Series("service", map(samples, (s, p) -> perRotation(s.serviceCpu() - p.serviceCpu(),
                        s.rotations() - p.rotations())))));

        BufferedImage image = new BufferedImage(WIDTH, PANEL * panels.size() + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < panels.size(); i++) {
            panel(g, PANEL * i, titles.get(i), minutes, panels.get(i));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("minutes", WIDTH / 2, image.getHeight() - 8);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static double perRotation(double cpu, long rotations) {
        return rotations == 0 ? 0 : 1000 * cpu / rotations;
    }

    private static double[] map(List<SoakSample> samples, BiFunction<SoakSample, SoakSample, Double> value) {
        double[] values = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            values[i] = i == 0 && samples.size() > 1 ? value.apply(samples.get(1), samples.get(0))
                    : value.apply(samples.get(i), samples.get(Math.max(0, i - 1)));
        }
        return values;
    }

    private static void panel(Graphics2D g, int top, String title, double[] x, List<Series> series) {
        int height = PANEL - 45;
        int y0 = top + 25;
        int width = WIDTH - LEFT - 20;
        double xMax = Math.max(1e-9, x[x.length - 1]);
        double yMax = 1e-9;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    yMax = Math.max(yMax, v);
                }
            }
        }
        yMax *= 1.1;
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, top + 16);
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 4; i++) {
            int y = y0 + height - height * i / 4;
            g.drawLine(LEFT, y, LEFT + width, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Soak.format(yMax >= 100 ? "%.0f" : "%.2f", yMax * i / 4), 5, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        for (int m = 0; m <= (int) xMax; m += Math.max(1, (int) xMax / 10)) {
            int x1 = LEFT + (int) (width * m / xMax);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x1, y0, x1, y0 + height);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Integer.toString(m), x1 - 4, y0 + height + 13);
        }
        g.setStroke(new BasicStroke(1.6f));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(COLORS[k % COLORS.length]);
            for (int i = 1; i < x.length; i++) {
                int xa = LEFT + (int) (width * x[i - 1] / xMax);
                int xb = LEFT + (int) (width * x[i] / xMax);
                int ya = y0 + height - (int) (height * s.values()[i - 1] / yMax);
                int yb = y0 + height - (int) (height * s.values()[i] / yMax);
                g.drawLine(xa, ya, xb, yb);
            }
            g.drawString(s.name(), LEFT + width - 260 + 130 * k, top + 16);
        }
        g.setStroke(new BasicStroke(1f));
    }
}
