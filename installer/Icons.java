import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws Cachet's application icon and writes it in the three formats jpackage wants: PNG (Linux),
 * ICO (Windows) and ICNS (macOS). The icon is code, not a committed binary, so it stays reviewable
 * and every size is drawn sharp rather than scaled.
 *
 * <p>Run with the JDK alone: {@code java -Djava.awt.headless=true installer/Icons.java OUT_DIR}.
 * Writes {@code cachet.png} (512), {@code cachet-SIZE.png}, {@code cachet.ico}, {@code cachet.icns}.
 */
public final class Icons {

    private static final Color TOP = new Color(0x2F6FDE);
    private static final Color BOTTOM = new Color(0x1B3F8F);
    private static final Color MARK = new Color(0xF5F7FB);
    private static final Color HIT = new Color(0x3DDC97);

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java installer/Icons.java OUT_DIR");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        var png = new LinkedHashMap<Integer, byte[]>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256, 512, 1024}) {
            png.put(size, encode(draw(size)));
            Files.write(out.resolve("cachet-" + size + ".png"), png.get(size));
        }
        Files.write(out.resolve("cachet.png"), png.get(512));
        Files.write(out.resolve("cachet.ico"), ico(png, 16, 32, 48, 64, 128, 256));
        Files.write(out.resolve("cachet.icns"), icns(png));
        System.out.println("icons written to " + out);
    }

    /** A rounded tile, a "C" drawn as an open ring, and a dot in its mouth: a cache answering a request. */
    static BufferedImage draw(int size) {
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        double inset = s * 0.06;
        g.setPaint(new GradientPaint(0, 0, TOP, 0, (float) s, BOTTOM));
        g.fill(new RoundRectangle2D.Double(inset, inset, s - 2 * inset, s - 2 * inset, s * 0.36, s * 0.36));

        double ring = s * 0.50;
        double stroke = Math.max(1.5, s * 0.11);
        double x = (s - ring) / 2 - s * 0.03;
        g.setColor(MARK);
        g.setStroke(new BasicStroke((float) stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Arc2D.Double(x, (s - ring) / 2, ring, ring, 45, 270, Arc2D.OPEN));

        double dot = Math.max(2, s * 0.15);
        g.setColor(HIT);
        g.fill(new Ellipse2D.Double(x + ring - dot * 0.35, (s - dot) / 2, dot, dot));
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image) throws IOException {
        var bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO with PNG-compressed entries (read by Windows Vista and later); width 0 means 256. */
    static byte[] ico(Map<Integer, byte[]> png, int... sizes) throws IOException {
        var header = java.nio.ByteBuffer.allocate(6 + 16 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int size : sizes) {
            byte[] data = png.get(size);
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size))
                    .put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32)
                    .putInt(data.length).putInt(offset);
            offset += data.length;
        }
        var out = new ByteArrayOutputStream();
        out.write(header.array());
        for (int size : sizes) out.write(png.get(size));
        return out.toByteArray();
    }

    /** ICNS with PNG entries: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512, ic10 1024 (retina 512). */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        var types = new LinkedHashMap<String, Integer>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        var body = new ByteArrayOutputStream();
        var entries = new DataOutputStream(body);
        for (var e : types.entrySet()) {
            byte[] data = png.get(e.getValue());
            entries.writeBytes(e.getKey());
            entries.writeInt(8 + data.length);
            entries.write(data);
        }
        var out = new ByteArrayOutputStream();
        var file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        body.writeTo(file);
        return out.toByteArray();
    }
}
