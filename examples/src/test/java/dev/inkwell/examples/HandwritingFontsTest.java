package dev.inkwell.examples;

import dev.inkwell.mnist.reader.DigitReader;
import dev.inkwell.mnist.image.DigitPreprocessor;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Digits in the handwriting fonts of Debian's packages (writers outside MNIST, none seen in training), each
 * package a set of 300 digits drawn as {@link SyntheticDigits} draws them: any size, tilted up to 15°,
 * outlined, coloured ink and paper, PNG or JPEG. CI installs the packages ({@code .ci/run}); elsewhere the
 * test is skipped unless {@code INKWELL_REQUIRE_DATA} is set.
 */
@Tag(VectorPass.TAG)
class HandwritingFontsTest {
    /** Each Debian package and its font files (every style it ships). */
    static final Map<String, List<String>> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("fonts-dkg-handwriting", List.of("truetype/fifthhorseman/dkg.ttf", "truetype/fifthhorseman/dkgBd.ttf",
                "truetype/fifthhorseman/dkgIt.ttf", "truetype/fifthhorseman/dkgBI.ttf"));
        PACKAGES.put("fonts-breip", List.of("truetype/breip/Breip.ttf", "truetype/breip/breipfont.ttf"));
        PACKAGES.put("fonts-bwht", List.of("opentype/bwht/BecauseWeBuild-Regular.otf",
                "opentype/bwht/BecauseWeConnect-Regular.otf", "opentype/bwht/BecauseWeCreate-Regular.otf",
                "opentype/bwht/BecauseWeLearn-Regular.otf", "opentype/bwht/BecauseWeMentor-Regular.otf",
                "opentype/bwht/BecauseWeOrganize-Regular.otf"));
        PACKAGES.put("fonts-femkeklaver", List.of("truetype/femkeklaver/femkeklaver.ttf"));
        PACKAGES.put("fonts-humor-sans", List.of("truetype/humor-sans/Humor-Sans.ttf"));
        PACKAGES.put("fonts-klee", List.of("truetype/klee/KleeOne-Regular.ttf", "truetype/klee/KleeOne-SemiBold.ttf"));
        PACKAGES.put("fonts-rufscript", List.of("truetype/rufscript/Rufscript010.ttf"));
        PACKAGES.put("fonts-dancingscript", List.of("opentype/dancingscript/DancingScript-Regular.otf",
                "opentype/dancingscript/DancingScript-Bold.otf"));
        PACKAGES.put("fonts-sjfonts", List.of("truetype/sjfonts/Delphine.ttf", "truetype/sjfonts/SteveHand.ttf"));
        PACKAGES.put("fonts-comic-neue", List.of("opentype/comic-neue/ComicNeue-Regular.otf",
                "opentype/comic-neue/ComicNeue-Bold.otf", "opentype/comic-neue/ComicNeue-Italic.otf",
                "opentype/comic-neue/ComicNeue-Light.otf"));
        PACKAGES.put("fonts-yusei-magic", List.of("truetype/yusei-magic/YuseiMagic-Regular.ttf"));
        PACKAGES.put("fonts-leckerli-one", List.of("truetype/leckerli-one/LeckerliOne-Regular.ttf"));
    }

    private static final Path FONTS = Path.of("/usr/share/fonts");
    private static final int PER_SET = 300;
    /** README's figure per set is the measured count; the bound allows three more misses in each. */
    private static final int SLACK = 3;
    /** The fewest digits of 300 read correctly in each set, as measured with the pretrained model (2026-12-06). */
    static final Map<String, Integer> MEASURED = Map.ofEntries(
            Map.entry("fonts-dkg-handwriting", 297), Map.entry("fonts-breip", 300), Map.entry("fonts-bwht", 299),
            Map.entry("fonts-femkeklaver", 262), Map.entry("fonts-humor-sans", 300), Map.entry("fonts-klee", 295),
            Map.entry("fonts-rufscript", 300), Map.entry("fonts-dancingscript", 300), Map.entry("fonts-sjfonts", 292),
            Map.entry("fonts-comic-neue", 300), Map.entry("fonts-yusei-magic", 299),
            Map.entry("fonts-leckerli-one", 300));

    @Test
    void digitsInDebiansHandwritingFontsAreRead() throws Exception {
        boolean required = System.getenv("INKWELL_REQUIRE_DATA") != null;
        List<String> missing = PACKAGES.values().stream().flatMap(List::stream)
                .filter(f -> !Files.isRegularFile(FONTS.resolve(f))).toList();
        if (required && !missing.isEmpty()) {
            fail("handwriting fonts missing (install Debian's " + PACKAGES.keySet() + "): " + missing);
        }
        assumeTrue(missing.isEmpty(), "Debian's handwriting font packages are not installed");
        Predictor predictor = Predictor.of(DigitReader.pretrainedModel(ComputeContext.withThreads(1), 1));
        DigitPreprocessor preprocessor = new DigitPreprocessor();
        StringBuilder report = new StringBuilder();
        List<String> below = new ArrayList<>();
        long seed = 100;
        for (Map.Entry<String, List<String>> set : PACKAGES.entrySet()) {
            List<Font> fonts = new ArrayList<>();
            for (String file : set.getValue()) {
                fonts.add(load(FONTS.resolve(file)));
            }
            int correct = 0;
            StringBuilder misses = new StringBuilder();
            for (SyntheticDigits.Sample s : SyntheticDigits.generate(PER_SET, seed++, fonts)) {
                int digit = predictor.predict(preprocessor.read(s.file(), set.getKey())).best();
                if (digit == s.label()) {
                    correct++;
                } else {
                    misses.append("\n    read ").append(digit).append(": ").append(s.description());
                }
            }
            report.append(String.format("%n  %-24s %3d/%d (%.1f%%)%s", set.getKey(), correct, PER_SET,
                    100.0 * correct / PER_SET, misses));
            if (correct < MEASURED.get(set.getKey()) - SLACK) {
                below.add(set.getKey() + " " + correct);
            }
        }
        System.out.println("Debian handwriting fonts, digits read correctly:" + report);
        assertTrue(below.isEmpty(), "below the README's figures: " + below + report);
    }

    private static Font load(Path file) throws IOException, FontFormatException {
        return Font.createFont(Font.TRUETYPE_FONT, file.toFile());
    }
}
