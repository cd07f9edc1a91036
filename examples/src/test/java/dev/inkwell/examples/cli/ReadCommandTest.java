package dev.inkwell.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./inkwell read}: numbers as text and JSON, leading zeros, bad files beside good ones. */
class ReadCommandTest {
    @TempDir
    Path dir;

    private Path number(String text, String name) throws Exception {
        BufferedImage page = new BufferedImage(900, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(245, 240, 230));
        g.fillRect(0, 0, 900, 500);
        g.setColor(new Color(30, 30, 60));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 60));
        g.drawString(text.replace("", " ").trim(), 500, 420); // small, spaced, low on the right of the page
        g.dispose();
        Path file = dir.resolve(name);
        ImageIO.write(page, "png", file.toFile());
        return file;
    }

    @Test
    void eachImageGivesItsDigitsAndTheConfidenceOfTheWholeString() throws Exception {
        Path year = number("2026", "year.png"), zeros = number("0342", "zeros.png");
        Path broken = dir.resolve("broken.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        CommandRunner.Result r = CommandRunner.run(ReadCommand::run, ReadCommand.USAGE, year.toString(),
                broken.toString(), zeros.toString());
        assertEquals(1, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches(java.util.regex.Pattern.quote(year.toString()) + "\t2026\t(0|1)\\.\\d{4}"), lines[0]);
        assertTrue(lines[1].startsWith(zeros + "\t0342\t"), lines[1]);
        assertTrue(r.err().startsWith(broken + ": error: "), r.err());
    }

    @Test
    void jsonHasEachDigitWithItsBoxAndTopThree() throws Exception {
        Path year = number("2026", "year.png");
        CommandRunner.Result r = CommandRunner.run(ReadCommand::run, ReadCommand.USAGE, "--json", year.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("2026", json.get("digits").asText());
        assertEquals(4, json.get("found").size());
        int previousRight = 0;
        for (JsonNode d : json.get("found")) {
            JsonNode box = d.get("box");
            assertTrue(box.get("x").asInt() >= 480 && box.get("y").asInt() >= 350, d.toString());
            assertTrue(box.get("x").asInt() >= previousRight, "left to right");
            previousRight = box.get("x").asInt() + box.get("width").asInt();
            assertEquals(3, d.get("top3").size());
            assertEquals(d.get("digit").asInt(), d.get("top3").get(0).get("digit").asInt());
        }
    }
}
